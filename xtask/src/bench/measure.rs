//! Timing helpers: medians of repeated runs, and the peak memory of a child process.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The spread of repeated timings of one thing.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
}

/// Wall-clock and CPU time of repeated runs. On a shared machine the CPU time (time actually
/// spent running, from the kernel's scheduler statistics) is the steadier figure: wall time
/// also counts waiting for a core.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub wall: Sample,
    pub cpu: Sample,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cpu {:>9} (min {}), wall {:>9} (min {})",
            ms(self.cpu.median),
            ms(self.cpu.min),
            ms(self.wall.median),
            ms(self.wall.min)
        )
    }
}

impl Timing {
    pub fn of(walls: Vec<Duration>, cpus: Vec<Duration>) -> Timing {
        Timing {
            wall: Sample::of(walls),
            cpu: Sample::of(cpus),
        }
    }

    /// Collects the timings of single runs.
    pub fn merge(runs: impl IntoIterator<Item = Timing>) -> Timing {
        let (walls, cpus) = runs
            .into_iter()
            .map(|t| (t.wall.median, t.cpu.median))
            .unzip();
        Timing::of(walls, cpus)
    }
}

/// CPU time this thread has spent running so far (`/proc/thread-self/schedstat`, in
/// nanoseconds); zero where that file does not exist.
pub fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

impl Sample {
    pub fn of(mut times: Vec<Duration>) -> Sample {
        times.sort();
        Sample {
            median: times[times.len() / 2],
            min: times[0],
            max: times[times.len() - 1],
        }
    }
}

/// A duration in milliseconds, as the tables print it.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Runs `f` `runs` times (at least once) and returns the spread and the last result; the CPU
/// time is this thread's.
pub fn time<T>(runs: usize, f: impl FnMut() -> T) -> (Timing, T) {
    time_with(thread_cpu, runs, f)
}

/// Like [`time`], for work that also runs on other threads: the CPU time is the whole
/// process's (coarser: 10 ms ticks).
pub fn time_process<T>(runs: usize, f: impl FnMut() -> T) -> (Timing, T) {
    time_with(process_cpu, runs, f)
}

fn time_with<T>(cpu_now: fn() -> Duration, runs: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
    let mut walls = Vec::with_capacity(runs.max(1));
    let mut cpus = Vec::with_capacity(runs.max(1));
    let mut last = None;
    for _ in 0..runs.max(1) {
        let (cpu, started) = (cpu_now(), Instant::now());
        let value = f();
        walls.push(started.elapsed());
        cpus.push(cpu_now().saturating_sub(cpu));
        last = Some(value);
    }
    (Timing::of(walls, cpus), last.expect("ran at least once"))
}

/// CPU time of the whole process so far, every thread included (`/proc/self/stat`, in clock
/// ticks of 10 ms); zero where that file does not exist.
pub fn process_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // The fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th of them.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// One run of a child process: its output, wall time, CPU time and peak resident memory.
pub struct ChildRun {
    pub output: Output,
    pub wall: Duration,
    /// User + system time, from GNU time; `None` when `/usr/bin/time` is not installed.
    pub cpu: Option<Duration>,
    /// Kilobytes, from GNU time's `%M`; `None` when `/usr/bin/time` is not installed.
    pub peak_rss_kb: Option<u64>,
}

/// GNU time, which reports a child's peak RSS (`apt install time`).
const GNU_TIME: &str = "/usr/bin/time";

/// Runs `command`, under GNU time when it is installed so that its peak RSS is known.
/// `rss_file` is a scratch file for GNU time's report.
pub fn run_child(mut command: Command, rss_file: &Path) -> std::io::Result<ChildRun> {
    let timed = Path::new(GNU_TIME).exists();
    if timed {
        let program = command.get_program().to_owned();
        let args: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
        let envs: Vec<_> = command
            .get_envs()
            .map(|(k, v)| (k.to_owned(), v.map(ToOwned::to_owned)))
            .collect();
        let dir = command.get_current_dir().map(ToOwned::to_owned);
        let mut wrapped = Command::new(GNU_TIME);
        wrapped
            .arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(rss_file)
            .arg(program)
            .args(args);
        for (key, value) in envs {
            match value {
                Some(value) => wrapped.env(key, value),
                None => wrapped.env_remove(key),
            };
        }
        if let Some(dir) = dir {
            wrapped.current_dir(dir);
        }
        command = wrapped;
    }
    let started = Instant::now();
    let output = command.output()?;
    let wall = started.elapsed();
    // GNU time writes "user system rss" as the last line (a line above it says when the
    // child was killed by a signal).
    let report = timed
        .then(|| std::fs::read_to_string(rss_file).ok())
        .flatten()
        .unwrap_or_default();
    let fields: Vec<&str> = report
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let seconds = |i: usize| fields.get(i)?.parse::<f64>().ok();
    let cpu = seconds(0)
        .zip(seconds(1))
        .map(|(user, system)| Duration::from_secs_f64(user + system));
    let peak_rss_kb = fields.get(2).and_then(|kb| kb.parse().ok());
    Ok(ChildRun {
        output,
        wall,
        cpu,
        peak_rss_kb,
    })
}

/// Peak RSS in megabytes, or "n/a".
pub fn mb(kb: Option<u64>) -> String {
    kb.map_or("n/a (install GNU time)".to_owned(), |kb| {
        format!("{:.0} MB", kb as f64 / 1024.0)
    })
}
