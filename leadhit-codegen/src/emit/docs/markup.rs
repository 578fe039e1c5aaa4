//! Docstring inline markup → Markdown that stays inert: the one scan behind [`super::inline`].
//!
//! Only these constructs become Markdown, each where reST lets markup start and end (after
//! a space, punctuation or the start of the text, before a non-space; closed before a space,
//! punctuation or the end), so `2*3*4`, `*args` and `don`t` stay text:
//!
//! - a run of backticks (`` `x` ``, ``` ``x`` ```, Markdown's longer runs) closed by the next
//!   run of the same length → a code span; a Sphinx role before a single backtick
//!   (`` :class:`Foo` ``, `` :py:meth:`~a.B.c` ``) → a code span of what the role shows; a reST
//!   link (`` `text <url>`_ ``) → its text, escaped;
//! - `*x*` / `**x**` → emphasis / strong;
//! - Epytext `C{x}`, `M{x}`, `L{x}` → a code span; `I{x}` / `B{x}` → emphasis / strong;
//!   `X{x}` / `U{x}` → the text; braces inside must balance, as Epytext wants.
//!
//! Code spans are made by [`code`], which their content cannot close. Everything else,
//! including the text inside emphasis, goes through [`Line`] and is escaped, so nothing can
//! become a link, HTML or a block. Where each construct ends is found once for the whole text
//! ([`runs`], [`braces`]), so the scan never searches ahead: it is linear however hostile the
//! text (a megabyte of backticks, ten thousand unclosed `C{`).

use super::code;
use std::collections::HashMap;

/// No partner: the construct is never closed.
const NONE: usize = usize::MAX;

/// The Epytext letters that open markup with `{`.
const EPYTEXT: &[u8] = b"BCILMUX";

/// How far past its `:` a Sphinx role's name may reach (`py:classmethod` is 14 bytes): the
/// bound keeps a text of colons linear.
const MAX_ROLE: usize = 40;

/// Whether markup may start after `c` (`None`: the start of the text): not inside a word, and
/// not escaped with a backslash.
fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric() && c != '\\')
}

/// Whether markup may end before `c` (`None`: the end of the text): not inside a word.
fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

/// A maximal run of one delimiter, `` ` `` or `*`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    len: usize,
    /// Markup may start here: after a boundary, and a non-space follows.
    opens: bool,
    /// Markup may end here: a non-space precedes, and a boundary follows.
    closes: bool,
    /// Where the first later run of the same delimiter and length that `closes` starts.
    partner: usize,
}

/// The runs of backticks and stars in `text`, in order, each with its partner.
fn runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    let mut runs: Vec<Run> = Vec::new();
    let mut taken = 0;
    for start in memchr::memchr2_iter(b'`', b'*', bytes) {
        if start < taken {
            continue;
        }
        let delimiter = bytes[start];
        let len = bytes[start..]
            .iter()
            .take_while(|&&b| b == delimiter)
            .count();
        taken = start + len;
        // Both ends are ASCII, so both are char boundaries.
        let before = text[..start].chars().next_back();
        let after = text[taken..].chars().next();
        runs.push(Run {
            start,
            len,
            opens: opens_after(before) && after.is_some_and(|c| !c.is_whitespace()),
            closes: before.is_some_and(|c| !c.is_whitespace()) && closes_before(after),
            partner: NONE,
        });
    }
    // From the end, so each run meets the nearest closing run after it of its own kind.
    let mut nearest: HashMap<(u8, usize), usize> = HashMap::new();
    for run in runs.iter_mut().rev() {
        let kind = (bytes[run.start], run.len);
        run.partner = nearest.get(&kind).copied().unwrap_or(NONE);
        if run.closes {
            nearest.insert(kind, run.start);
        }
    }
    runs
}

/// An Epytext `X{`: where its `{` is, and the `}` that matches it.
#[derive(Debug, Clone, Copy)]
struct Brace {
    open: usize,
    close: usize,
}

/// The `{` of every Epytext letter, in order, matched against all the braces of `text` as
/// brackets are (a `}` closes the nearest open `{`; a stray `}` is text).
fn braces(text: &str) -> Vec<Brace> {
    let bytes = text.as_bytes();
    let mut braces: Vec<Brace> = Vec::new();
    // The Epytext braces still open, innermost last, each with how many plain `{` are open
    // inside it. Braces outside them all cannot change their matches, so they are not even
    // counted, and the memory is per Epytext brace, not per brace.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for at in memchr::memchr2_iter(b'{', b'}', bytes) {
        if bytes[at] == b'{' {
            if at > 0 && EPYTEXT.contains(&bytes[at - 1]) {
                open.push((braces.len(), 0));
                braces.push(Brace {
                    open: at,
                    close: NONE,
                });
            } else if let Some((_, inside)) = open.last_mut() {
                *inside += 1;
            }
        } else if let Some((index, inside)) = open.last_mut() {
            if *inside > 0 {
                *inside -= 1;
            } else {
                braces[*index].close = at;
                open.pop();
            }
        }
    }
    braces
}

/// One line of Markdown being written: text escaped, whitespace collapsed to single spaces
/// between words, and the markup the scan decided on.
///
/// The escaping rules: every Markdown-significant character gets a backslash (`\` `` ` `` `*`
/// `_` `[` `]` `<` `>` `&` `|` `~` `#`); so do `-` `+` `=` as the line's first character (a
/// list, a heading underline) and `.` or `)` right after the digits the line starts with (an
/// ordered list), and a `/` right after a `:`, so that a URL (`https:\//example.com`) is
/// neither a link nor a `rustdoc::bare_urls` warning. Markup counts as a character that is not
/// a digit, so text after it never starts the line.
pub(super) struct Line {
    out: String,
    /// Characters written, a space or a piece of markup counting as one.
    index: usize,
    /// How many digits the line starts with.
    digits: usize,
    /// A space is due before the next word.
    space: bool,
    previous: char,
}

impl Line {
    fn with_capacity(capacity: usize) -> Self {
        Line {
            out: String::with_capacity(capacity),
            index: 0,
            digits: 0,
            space: false,
            previous: ' ',
        }
    }

    /// One character of text, escaped; whitespace only makes a space due.
    fn text(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = self.index > 0;
            return;
        }
        self.flush_space();
        // What starts a line can open a list, heading or quote block even when harmless
        // elsewhere.
        let at_start = self.index == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
        let list_number = self.digits > 0 && self.index == self.digits && matches!(c, '.' | ')');
        if self.index == self.digits && c.is_ascii_digit() {
            self.digits += 1;
        }
        let url = c == '/' && self.previous == ':';
        if at_start
            || list_number
            || url
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
            )
        {
            self.out.push('\\');
        }
        self.out.push(c);
        self.previous = c;
        self.index += 1;
    }

    fn flush_space(&mut self) {
        if self.space {
            self.out.push(' ');
            self.previous = ' ';
            self.index += 1;
            self.space = false;
        }
    }

    /// A code span of `text`, its whitespace collapsed as the line's is.
    fn code(&mut self, text: &str) {
        self.flush_space();
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.out.push_str(&code(&collapsed));
        self.previous = '`';
        self.index += 1;
    }

    /// An opening emphasis marker (none for an empty one): the space due goes before it.
    fn open(&mut self, marker: &str) {
        if !marker.is_empty() {
            self.flush_space();
            self.markup(marker);
        }
    }

    /// A closing emphasis marker: the space due stays due, so it comes after the marker.
    fn close(&mut self, marker: &str) {
        if !marker.is_empty() {
            self.markup(marker);
        }
    }

    fn markup(&mut self, marker: &str) {
        self.out.push_str(marker);
        self.previous = '*';
        self.index += 1;
    }
}

/// What an emphasis region shows: Markdown emphasis, strong, or just its text (`X{x}`, and
/// emphasis inside emphasis of its own kind, which Markdown would not nest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Em,
    Strong,
    Plain,
}

impl Style {
    fn marker(self) -> &'static str {
        match self {
            Style::Em => "*",
            Style::Strong => "**",
            Style::Plain => "",
        }
    }
}

/// An emphasis region the scan is inside: where its closing delimiter starts and how long it
/// is.
struct Region {
    close: usize,
    len: usize,
    style: Style,
}

/// The scan over one sanitised text.
struct Scan<'t> {
    text: &'t str,
    runs: Vec<Run>,
    next_run: usize,
    braces: Vec<Brace>,
    next_brace: usize,
    /// Open emphasis regions, innermost last; each closes before the one around it.
    regions: Vec<Region>,
    em: usize,
    strong: usize,
    line: Line,
}

/// `text` (already sanitised) as one line of inert Markdown.
pub(super) fn render(text: &str) -> String {
    let mut scan = Scan {
        text,
        runs: runs(text),
        next_run: 0,
        braces: braces(text),
        next_brace: 0,
        regions: Vec::new(),
        em: 0,
        strong: 0,
        line: Line::with_capacity(text.len() + 8),
    };
    let mut at = 0;
    while at < text.len() {
        if let Some(region) = scan.regions.last() {
            if region.close == at {
                at += region.len;
                scan.close_region();
                continue;
            }
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let markup = match c {
            '`' => scan.backticks(at),
            '*' => scan.stars(at),
            ':' => scan.role(at),
            'B' | 'C' | 'I' | 'L' | 'M' | 'U' | 'X' => scan.epytext(at, c),
            _ => None,
        };
        match markup {
            Some(next) => at = next,
            None => {
                scan.line.text(c);
                at += c.len_utf8();
            }
        }
    }
    scan.line.out
}

impl Scan<'_> {
    /// Where what is being scanned must end: the innermost region's closing delimiter.
    fn limit(&self) -> usize {
        self.regions.last().map_or(self.text.len(), |r| r.close)
    }

    fn before(&self, at: usize) -> Option<char> {
        self.text[..at].chars().next_back()
    }

    /// The run starting at `at`, if one does. The scan only moves forward, so a cursor finds it.
    fn run_at(&mut self, at: usize) -> Option<Run> {
        while self.runs.get(self.next_run).is_some_and(|r| r.start < at) {
            self.next_run += 1;
        }
        self.runs
            .get(self.next_run)
            .filter(|r| r.start == at)
            .copied()
    }

    fn brace_at(&mut self, open: usize) -> Option<Brace> {
        while self
            .braces
            .get(self.next_brace)
            .is_some_and(|b| b.open < open)
        {
            self.next_brace += 1;
        }
        self.braces
            .get(self.next_brace)
            .filter(|b| b.open == open)
            .copied()
    }

    /// The run at `at` when it opens markup that closes inside the current region.
    fn opening_run(&mut self, at: usize) -> Option<Run> {
        let limit = self.limit();
        self.run_at(at)
            .filter(|run| run.opens && run.partner < limit)
    }

    /// A code span, or a reST link's text. `None` leaves the backtick to be text.
    fn backticks(&mut self, at: usize) -> Option<usize> {
        let run = self.opening_run(at)?;
        let content = &self.text[at + run.len..run.partner];
        let end = run.partner + run.len;
        if run.len == 1 {
            // `text <url>`_ and `text`__ are reST links: no link may come of map text, so
            // the text is shown as text (the URL escaped like any other).
            let rest = &self.text.as_bytes()[end..];
            let underscores = rest.iter().take(3).take_while(|&&b| b == b'_').count();
            if (1..=2).contains(&underscores)
                && closes_before(self.text[end + underscores..].chars().next())
            {
                content.chars().for_each(|c| self.line.text(c));
                return Some(end + underscores);
            }
        }
        self.line.code(content);
        Some(end)
    }

    fn stars(&mut self, at: usize) -> Option<usize> {
        let run = self.opening_run(at).filter(|run| run.len <= 2)?;
        let style = if run.len == 1 {
            Style::Em
        } else {
            Style::Strong
        };
        self.open_region(run.partner, run.len, style);
        Some(at + run.len)
    }

    /// A Sphinx role, `:name:` right before a single backtick: a code span of what it shows.
    fn role(&mut self, at: usize) -> Option<usize> {
        if self.runs.is_empty() || !opens_after(self.before(at)) {
            return None;
        }
        let rest = &self.text.as_bytes()[at + 1..];
        let len = rest
            .iter()
            .take(MAX_ROLE)
            .take_while(|b| b.is_ascii_alphanumeric() || b"-_+:.".contains(b))
            .count();
        // The name (`class`, `py:func`) runs up to the `:` right before the backtick, and
        // starts and ends with a letter or digit.
        if len < 2 || rest.get(len) != Some(&b'`') || rest[len - 1] != b':' {
            return None;
        }
        let name = &rest[..len - 1];
        if !name[0].is_ascii_alphanumeric() || !name[name.len() - 1].is_ascii_alphanumeric() {
            return None;
        }
        let tick = at + 1 + len;
        let run = self.opening_run(tick).filter(|run| run.len == 1)?;
        self.line
            .code(role_shows(&self.text[tick + 1..run.partner]));
        Some(run.partner + 1)
    }

    /// Epytext markup, `X{...}` with balanced braces and something in them.
    fn epytext(&mut self, at: usize, letter: char) -> Option<usize> {
        if self.text.as_bytes().get(at + 1) != Some(&b'{') || !opens_after(self.before(at)) {
            return None;
        }
        let close = self.brace_at(at + 1)?.close;
        if close >= self.limit() {
            return None;
        }
        let content = &self.text[at + 2..close];
        let first = content.find(|c: char| !c.is_whitespace())?;
        let style = match letter {
            'C' | 'M' => {
                self.line.code(content);
                return Some(close + 1);
            }
            'L' => {
                self.line.code(shown_title(content));
                return Some(close + 1);
            }
            'I' => Style::Em,
            'B' => Style::Strong,
            _ => Style::Plain,
        };
        self.open_region(close, 1, style);
        Some(at + 2 + first)
    }

    fn open_region(&mut self, close: usize, len: usize, style: Style) {
        let style = match style {
            Style::Em if self.em > 0 => Style::Plain,
            Style::Strong if self.strong > 0 => Style::Plain,
            style => style,
        };
        match style {
            Style::Em => self.em += 1,
            Style::Strong => self.strong += 1,
            Style::Plain => {}
        }
        self.line.open(style.marker());
        self.regions.push(Region { close, len, style });
    }

    fn close_region(&mut self) {
        let Some(region) = self.regions.pop() else {
            return;
        };
        match region.style {
            Style::Em => self.em -= 1,
            Style::Strong => self.strong -= 1,
            Style::Plain => {}
        }
        self.line.close(region.style.marker());
    }
}

/// What a Sphinx role shows: the title of `title <target>`, the last part of `~a.b.c`, the
/// target itself otherwise (a leading `!` only turns the link off).
fn role_shows(content: &str) -> &str {
    let content = content.strip_prefix('!').unwrap_or(content);
    let titled = shown_title(content);
    if titled.len() != content.len() {
        return titled;
    }
    match content.strip_prefix('~') {
        Some(target) => target
            .rsplit('.')
            .next()
            .filter(|last| !last.trim().is_empty())
            .unwrap_or(target),
        None => content,
    }
}

/// The title of a reference written `title <target>` (Sphinx, Epytext `L{}`), else all of it.
fn shown_title(content: &str) -> &str {
    content
        .trim_end()
        .strip_suffix('>')
        .and_then(|rest| rest.rsplit_once('<'))
        .map(|(title, _)| title.trim())
        .filter(|title| !title.is_empty())
        .unwrap_or(content)
}

#[cfg(test)]
mod tests {
    use super::super::{code, sanitize};
    use super::*;

    /// What the scan decides, as the straightforward version writes it down.
    #[derive(Debug)]
    enum Token {
        Char(char),
        Space,
        Code(String),
        Open(&'static str),
        Close(&'static str),
    }

    /// The rules of [`render`] written the obvious way: every closer searched for by walking
    /// ahead, every brace matched by counting, then the text escaped as `inline` did before it
    /// knew any markup. Quadratic, and so only for short texts; the scan must agree with it.
    fn reference(text: &str) -> String {
        let mut r = Reference {
            t: sanitize(text).chars().collect(),
            tokens: Vec::new(),
            regions: Vec::new(),
        };
        let mut i = 0;
        while i < r.t.len() {
            if let Some(&(close, len, style)) = r.regions.last() {
                if close == i {
                    r.tokens.push(Token::Close(style.marker()));
                    r.regions.pop();
                    i += len;
                    continue;
                }
            }
            let c = r.t[i];
            let markup = match c {
                '`' | '*' => r.run(i),
                ':' => r.role(i),
                _ if "BCILMUX".contains(c) => r.epytext(i),
                _ => None,
            };
            i = markup.unwrap_or_else(|| {
                r.tokens.push(if c.is_whitespace() {
                    Token::Space
                } else {
                    Token::Char(c)
                });
                i + 1
            });
        }
        escape(r.tokens)
    }

    struct Reference {
        t: Vec<char>,
        tokens: Vec<Token>,
        /// (index of the closing delimiter, its length, style)
        regions: Vec<(usize, usize, Style)>,
    }

    impl Reference {
        fn limit(&self) -> usize {
            self.regions.last().map_or(self.t.len(), |r| r.0)
        }

        fn before(&self, i: usize) -> Option<char> {
            i.checked_sub(1).map(|b| self.t[b])
        }

        fn open(&mut self, close: usize, len: usize, style: Style) {
            let style = if self.regions.iter().any(|r| r.2 == style) {
                Style::Plain
            } else {
                style
            };
            self.tokens.push(Token::Open(style.marker()));
            self.regions.push((close, len, style));
        }

        fn run(&mut self, i: usize) -> Option<usize> {
            let (t, c) = (&self.t, self.t[i]);
            if self.before(i) == Some(c) {
                return None;
            }
            let n = run_len(t, i);
            let close = closing_run(t, i, n, self.limit())?;
            if c == '*' {
                (n <= 2).then_some(())?;
                self.open(close, n, if n == 1 { Style::Em } else { Style::Strong });
                return Some(i + n);
            }
            let content: String = t[i + n..close].iter().collect();
            let end = close + n;
            let underscores = t[end..].iter().take(3).take_while(|&&u| u == '_').count();
            if n == 1
                && (1..=2).contains(&underscores)
                && closes_before(t.get(end + underscores).copied())
            {
                let text = content.chars().map(|c| match c.is_whitespace() {
                    true => Token::Space,
                    false => Token::Char(c),
                });
                self.tokens.extend(text);
                return Some(end + underscores);
            }
            self.tokens.push(Token::Code(content));
            Some(end)
        }

        fn role(&mut self, i: usize) -> Option<usize> {
            let t = &self.t;
            if !opens_after(self.before(i)) {
                return None;
            }
            let name: String = t[i + 1..]
                .iter()
                .take(MAX_ROLE)
                .take_while(|c| c.is_ascii_alphanumeric() || "-_+:.".contains(**c))
                .collect();
            let tick = i + 1 + name.len();
            let name = name.strip_suffix(':').unwrap_or("");
            let role = t.get(tick) == Some(&'`')
                && name.starts_with(|c: char| c.is_ascii_alphanumeric())
                && name.ends_with(|c: char| c.is_ascii_alphanumeric())
                && run_len(t, tick) == 1;
            role.then_some(())?;
            let close = closing_run(t, tick, 1, self.limit())?;
            let content: String = t[tick + 1..close].iter().collect();
            self.tokens
                .push(Token::Code(role_shows(&content).to_owned()));
            Some(close + 1)
        }

        fn epytext(&mut self, i: usize) -> Option<usize> {
            let (t, c) = (&self.t, self.t[i]);
            if t.get(i + 1) != Some(&'{') || !opens_after(self.before(i)) {
                return None;
            }
            let close = matching_brace(t, i + 1).filter(|&close| close < self.limit())?;
            let content: String = t[i + 2..close].iter().collect();
            if content.trim().is_empty() {
                return None;
            }
            let style = match c {
                'C' | 'M' => {
                    self.tokens.push(Token::Code(content));
                    return Some(close + 1);
                }
                'L' => {
                    self.tokens
                        .push(Token::Code(shown_title(&content).to_owned()));
                    return Some(close + 1);
                }
                'I' => Style::Em,
                'B' => Style::Strong,
                _ => Style::Plain,
            };
            self.open(close, 1, style);
            let spaces = self.t[i + 2..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
            Some(i + 2 + spaces)
        }
    }

    fn run_len(t: &[char], i: usize) -> usize {
        t[i..].iter().take_while(|&&c| c == t[i]).count()
    }

    /// The first run of `n` of `t[i]`'s delimiter after the one at `i`, before `limit`, that
    /// may close, when the one at `i` may open.
    fn closing_run(t: &[char], i: usize, n: usize, limit: usize) -> Option<usize> {
        let opens = opens_after(i.checked_sub(1).map(|b| t[b]))
            && t.get(i + n).is_some_and(|c| !c.is_whitespace());
        if !opens {
            return None;
        }
        let mut j = i + n;
        while j < limit {
            if t[j] == t[i] {
                let m = run_len(t, j);
                if m == n && !t[j - 1].is_whitespace() && closes_before(t.get(j + m).copied()) {
                    return Some(j);
                }
                j += m;
            } else {
                j += 1;
            }
        }
        None
    }

    fn matching_brace(t: &[char], open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (j, &c) in t.iter().enumerate().skip(open) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Tokens as one line: spaces collapsed, none at the ends, a space before a closing
    /// marker moved after it; then every char escaped by the rules `inline` always had.
    fn escape(tokens: Vec<Token>) -> String {
        let mut units: Vec<Token> = Vec::new();
        let mut space = false;
        for token in tokens {
            match token {
                Token::Space => space = !units.is_empty(),
                Token::Open("") | Token::Close("") => {}
                Token::Close(marker) => units.push(Token::Close(marker)),
                token => {
                    if std::mem::take(&mut space) {
                        units.push(Token::Space);
                    }
                    units.push(token);
                }
            }
        }
        let digits = units
            .iter()
            .take_while(|u| matches!(u, Token::Char(c) if c.is_ascii_digit()))
            .count();
        let mut out = String::new();
        let mut previous = ' ';
        for (i, unit) in units.iter().enumerate() {
            let c = match unit {
                Token::Char(c) => *c,
                Token::Space => ' ',
                Token::Code(text) => {
                    out.push_str(&code(
                        &text.split_whitespace().collect::<Vec<_>>().join(" "),
                    ));
                    previous = '`';
                    continue;
                }
                Token::Open(marker) | Token::Close(marker) => {
                    out.push_str(marker);
                    previous = '*';
                    continue;
                }
            };
            let at_start = i == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
            let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
            let url = c == '/' && previous == ':';
            previous = c;
            if at_start
                || list_number
                || url
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    /// xorshift64: the same texts on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn the_scan_matches_the_reference() {
        // Pieces of docstrings, `|`-separated (the first is empty).
        let pieces: Vec<&str> = concat!(
            "| |  |\t|\n|\r|\u{85}|\u{2028}|\u{202e}|\0|1|12|.|)|-|+|=|>|#|,|~|!|<|&|\\|:|/|://",
            "|a|word|ё|漢|`|``|```|*|**|***|_|__|___|{|}|C{|I{|B{|L{|X{|M{|E{|:class:|:py:func:",
            "|:a-b:| <|x>|`x`|``x``|*x*|**x**|I{x}|B{x}|C{x}",
        )
        .split('|')
        .collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..50_000 {
            let text: String = (0..rng.below(14))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            assert_eq!(super::super::inline(&text), reference(&text), "{text:?}");
        }
        // Single characters, so that markup meets markup densely: nesting, adjacent closers.
        let chars: Vec<char> = "`*_{}:CIBXa. <>~!\\\n".chars().collect();
        for _ in 0..100_000 {
            let text: String = (0..rng.below(17))
                .map(|_| chars[rng.below(chars.len())])
                .collect();
            assert_eq!(super::super::inline(&text), reference(&text), "{text:?}");
        }
    }
}
