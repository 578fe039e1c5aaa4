//! The release date a changelog section carries: `--date`, checked, or today in UTC.

use anyhow::bail;
use std::time::{SystemTime, UNIX_EPOCH};

/// `date` when it is a `YYYY-MM-DD` date.
pub fn check(date: &str) -> anyhow::Result<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let valid = matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0));
    if !valid {
        bail!("`--date {date}` is not a date as YYYY-MM-DD");
    }
    Ok(date.to_owned())
}

/// Today's date in UTC.
pub fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil(secs / 86_400)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil(0), "1970-01-01");
        assert_eq!(civil(11_016), "2000-02-29");
        assert_eq!(civil(20_788), "2026-12-01");
    }

    #[test]
    fn only_dates_are_accepted() {
        assert_eq!(check("2026-12-01").unwrap(), "2026-12-01");
        for bad in [
            "2026-13-01",
            "26-12-01",
            "2026-12-1",
            "today",
            "2026-12-01\n",
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
    }
}
