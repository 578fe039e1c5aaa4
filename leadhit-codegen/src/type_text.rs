//! Python type text (`Optional[List[int]]`, `str or None`, `Literal['a']`) → [`Type`].
//!
//! A small recursive-descent parser over a lazy tokenizer. The text comes from docstrings on a
//! web page, so it is treated as hostile: nesting deeper than `MAX_DEPTH`, unbalanced
//! brackets and anything unrecognised become [`Type::Json`] carrying the documented text.
//! Recursion only happens on a bracket (or `of`), so the depth cap also bounds the stack, and
//! every step consumes input, so parsing stays linear in the length of the text.

use crate::model::Type;
use std::collections::HashSet;

/// How deeply brackets may nest before the whole text is given up on as JSON.
const MAX_DEPTH: usize = 32;

/// How many distinct variants a union may have. Deduplicating variants compares each new one
/// with every kept one, so without a cap a long `int | str | …` chain would be quadratic.
const MAX_UNION_VARIANTS: usize = 64;

/// How far a Sphinx role prefix (`:py:class:`) may reach; bounded so that scanning for roles
/// cannot become quadratic on text full of colons.
const MAX_ROLE_LEN: usize = 40;

/// Lowers documented type text to a model type; never fails: unknown text becomes JSON.
pub fn parse_type(text: &str) -> Type {
    let trimmed = text.trim();
    let cleaned = strip_roles(trimmed);
    let cleaned = strip_optional_suffix(&cleaned);
    if cleaned.is_empty() {
        return Type::Json {
            raw: trimmed.to_owned(),
        };
    }
    match Parser::new(cleaned).parse_all() {
        // A top-level unknown keeps the text exactly as documented, roles and all.
        Ok(Type::Json { .. }) | Err(Invalid) => Type::Json {
            raw: trimmed.to_owned(),
        },
        Ok(ty) => ty,
    }
}

/// Removes Sphinx cross-reference markup (`` :class:`~pkg.Order` `` → `pkg.Order`), which
/// docstrings often put where a type belongs.
fn strip_roles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == ':' {
            if let Some(len) = role_prefix_len(rest) {
                rest = &rest[len..];
                continue;
            }
        }
        if c == '`' {
            rest = rest[1..].trim_start_matches(['~', '!']);
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of a role prefix like `:class:` or `:py:obj:` when one starts `text` and is
/// directly followed by a backtick.
fn role_prefix_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && i <= MAX_ROLE_LEN && bytes[i] == b':' {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'-')
        {
            j += 1;
        }
        if j == start || j >= bytes.len() || bytes[j] != b':' {
            break;
        }
        i = j;
        if bytes.get(j + 1) == Some(&b'`') {
            return Some(j + 1);
        }
    }
    None
}

/// Drops a trailing `, optional`: optionality is the docstring layer's business, but type
/// text that still carries it should not turn into JSON.
fn strip_optional_suffix(text: &str) -> &str {
    let text = text.trim();
    const SUFFIX: &str = "optional";
    let Some(cut) = text.len().checked_sub(SUFFIX.len()) else {
        return text;
    };
    if !text.is_char_boundary(cut) || !text[cut..].eq_ignore_ascii_case(SUFFIX) {
        return text;
    }
    match text[..cut].trim_end().strip_suffix(',') {
        Some(rest) => rest.trim_end(),
        None => text,
    }
}

/// The text cannot be read as a type (bad syntax, too deep, too many variants).
#[derive(Debug)]
struct Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Str,
    Num,
    Ellipsis,
    Open(u8),
    Close(u8),
    Comma,
    Pipe,
    Other,
    End,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Splits type text into tokens on demand, so a hostile input is never tokenized further than
/// the parser gets before giving up.
struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn next_token(&mut self) -> Token {
        let rest = &self.src[self.pos..];
        let trimmed = rest.trim_start();
        let start = self.pos + (rest.len() - trimmed.len());
        let mut chars = trimmed.chars();
        let Some(c) = chars.next() else {
            self.pos = self.src.len();
            return Token {
                kind: Kind::End,
                start,
                end: start,
            };
        };
        let len = match c {
            '[' | '(' | '{' => return self.single(Kind::Open(c as u8), start),
            ']' | ')' | '}' => return self.single(Kind::Close(c as u8), start),
            ',' => return self.single(Kind::Comma, start),
            '|' => return self.single(Kind::Pipe, start),
            '\'' | '"' => match string_len(trimmed, c) {
                Some(len) => return self.token(Kind::Str, start, len),
                None => return self.token(Kind::Other, start, trimmed.len()),
            },
            _ if trimmed.starts_with("...") => return self.token(Kind::Ellipsis, start, 3),
            _ if c.is_alphabetic() || c == '_' => {
                word_len(trimmed, |c| c.is_alphanumeric() || c == '_' || c == '.')
            }
            _ if c.is_ascii_digit()
                || (c == '-' && chars.next().is_some_and(|d| d.is_ascii_digit())) =>
            {
                1 + word_len(&trimmed[1..], |c| {
                    c.is_ascii_alphanumeric() || c == '.' || c == '_'
                })
            }
            _ => return self.token(Kind::Other, start, c.len_utf8()),
        };
        let kind = if c.is_alphabetic() || c == '_' {
            Kind::Name
        } else {
            Kind::Num
        };
        self.token(kind, start, len)
    }

    fn single(&mut self, kind: Kind, start: usize) -> Token {
        self.token(kind, start, 1)
    }

    fn token(&mut self, kind: Kind, start: usize, len: usize) -> Token {
        self.pos = start + len;
        Token {
            kind,
            start,
            end: start + len,
        }
    }
}

/// Byte length of the leading run of chars matching `pred`.
fn word_len(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.find(|c: char| !pred(c)).unwrap_or(text.len())
}

/// Byte length of a quoted string literal at the start of `text`, quotes included.
fn string_len(text: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return Some(i + 1);
        }
    }
    None
}

/// The value of a string literal token: quotes removed, backslash escapes resolved simply.
fn unquote(literal: &str) -> String {
    let inner = &literal[1..literal.len() - 1];
    let mut out = String::with_capacity(inner.len());
    let mut escaped = false;
    for c in inner.chars() {
        if escaped || c != '\\' {
            out.push(c);
            escaped = false;
        } else {
            escaped = true;
        }
    }
    out
}

/// A parsed sub-expression and where it sits in the text (for `Json { raw }`).
struct Spanned {
    ty: Type,
    start: usize,
    end: usize,
}

struct Parser<'a> {
    src: &'a str,
    lexer: Lexer<'a>,
    peeked: Option<Token>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            lexer: Lexer { src, pos: 0 },
            peeked: None,
        }
    }

    fn peek(&mut self) -> Token {
        *self.peeked.get_or_insert_with(|| self.lexer.next_token())
    }

    fn bump(&mut self) -> Token {
        self.peeked
            .take()
            .unwrap_or_else(|| self.lexer.next_token())
    }

    fn text(&self, start: usize, end: usize) -> &'a str {
        &self.src[start..end]
    }

    fn parse_all(mut self) -> Result<Type, Invalid> {
        let parsed = self.union(0)?;
        match self.peek().kind {
            Kind::End => Ok(parsed.ty),
            _ => Err(Invalid),
        }
    }

    fn is_union_op(&mut self) -> bool {
        let token = self.peek();
        match token.kind {
            Kind::Pipe => true,
            Kind::Name => self.text(token.start, token.end).eq_ignore_ascii_case("or"),
            _ => false,
        }
    }

    /// `A`, `A | B`, `A or B or C`.
    fn union(&mut self, depth: usize) -> Result<Spanned, Invalid> {
        let first = self.primary(depth)?;
        if !self.is_union_op() {
            return Ok(first);
        }
        let (start, mut end) = (first.start, first.end);
        let mut union = UnionBuilder::default();
        union.add(first.ty)?;
        while self.is_union_op() {
            self.bump();
            let next = self.primary(depth)?;
            end = next.end;
            union.add(next.ty)?;
        }
        Ok(Spanned {
            ty: union.finish(),
            start,
            end,
        })
    }

    fn primary(&mut self, depth: usize) -> Result<Spanned, Invalid> {
        if depth > MAX_DEPTH {
            return Err(Invalid);
        }
        let token = self.bump();
        let (start, end) = (token.start, token.end);
        match token.kind {
            Kind::Name => self.named(depth, start, end),
            Kind::Open(b'(') => {
                let inner = self.union(depth + 1)?;
                let close = self.bump();
                if close.kind != Kind::Close(b')') {
                    return Err(Invalid);
                }
                Ok(Spanned {
                    ty: inner.ty,
                    start,
                    end: close.end,
                })
            }
            Kind::Open(b'{') => {
                // NumPy's `{'paid', 'submitted'}`: a closed set of values.
                let (args, end) = self.args(depth + 1, b'}')?;
                let ty = literal(&args).unwrap_or_else(|| self.json(start, end));
                Ok(Spanned { ty, start, end })
            }
            Kind::Str => Ok(Spanned {
                ty: Type::Literal {
                    values: vec![unquote(self.text(start, end))],
                },
                start,
                end,
            }),
            Kind::Num | Kind::Ellipsis => Ok(Spanned {
                ty: self.json(start, end),
                start,
                end,
            }),
            _ => Err(Invalid),
        }
    }

    /// A type that starts with the name at `start..end`: `int`, `List[int]`, `list of int`.
    fn named(&mut self, depth: usize, start: usize, end: usize) -> Result<Spanned, Invalid> {
        let name = self.text(start, end);
        let next = self.peek();
        if next.kind == Kind::Open(b'[') {
            self.bump();
            let (args, end) = self.args(depth + 1, b']')?;
            let ty = self.named_type(name, Some(&args), start, end)?;
            return Ok(Spanned { ty, start, end });
        }
        if next.kind == Kind::Name
            && self.text(next.start, next.end).eq_ignore_ascii_case("of")
            && is_list_like(&canonical(name))
        {
            // `list of str`: the item binds tighter than `or`, so `list of str or None` is an
            // optional list.
            self.bump();
            let item = self.primary(depth + 1)?;
            let ty = Type::List {
                item: Box::new(item.ty),
            };
            return Ok(Spanned {
                ty,
                start,
                end: item.end,
            });
        }
        Ok(Spanned {
            ty: self.named_type(name, None, start, end)?,
            start,
            end,
        })
    }

    /// Comma-separated types up to the `close` bracket (the opener is already consumed).
    fn args(&mut self, depth: usize, close: u8) -> Result<(Vec<Spanned>, usize), Invalid> {
        let mut args = Vec::new();
        if self.peek().kind == Kind::Close(close) {
            return Ok((args, self.bump().end));
        }
        loop {
            args.push(self.union(depth)?);
            let token = self.bump();
            match token.kind {
                Kind::Comma if self.peek().kind == Kind::Close(close) => {
                    return Ok((args, self.bump().end))
                }
                Kind::Comma => {}
                Kind::Close(c) if c == close => return Ok((args, token.end)),
                _ => return Err(Invalid),
            }
        }
    }

    fn json(&self, start: usize, end: usize) -> Type {
        Type::Json {
            raw: self.text(start, end).to_owned(),
        }
    }

    /// Maps a (possibly subscripted) name to a type.
    fn named_type(
        &self,
        name: &str,
        args: Option<&[Spanned]>,
        start: usize,
        end: usize,
    ) -> Result<Type, Invalid> {
        let canonical = canonical(name);
        let json = || self.json(start, end);
        let Some(args) = args else {
            return Ok(match canonical.as_str() {
                "dict" | "mapping" | "mutablemapping" | "ordereddict" | "defaultdict" => {
                    Type::Map {
                        value: Box::new(Type::unknown()),
                    }
                }
                "optional" | "union" | "literal" => json(),
                name if is_list_like(name) => Type::List {
                    item: Box::new(Type::unknown()),
                },
                name => scalar(name).unwrap_or_else(json),
            });
        };
        Ok(match canonical.as_str() {
            "dict" | "mapping" | "mutablemapping" | "ordereddict" | "defaultdict" => match args {
                [_, value] => Type::Map {
                    value: Box::new(value.ty.clone()),
                },
                _ => json(),
            },
            "tuple" => self.tuple(args),
            name if is_list_like(name) => match args {
                [item] => Type::List {
                    item: Box::new(item.ty.clone()),
                },
                _ => json(),
            },
            "optional" => match args {
                [inner] => {
                    let mut union = UnionBuilder::default();
                    union.add(inner.ty.clone())?;
                    union.add(Type::None)?;
                    union.finish()
                }
                _ => json(),
            },
            "union" if !args.is_empty() => {
                let mut union = UnionBuilder::default();
                for arg in args {
                    union.add(arg.ty.clone())?;
                }
                union.finish()
            }
            "literal" => literal(args).unwrap_or_else(json),
            _ => json(),
        })
    }

    /// `Tuple[int, int]` → a list of int; `Tuple[int, ...]` too; mixed elements → JSON items.
    fn tuple(&self, args: &[Spanned]) -> Type {
        let items: Vec<&Spanned> = args
            .iter()
            .filter(|arg| self.text(arg.start, arg.end) != "...")
            .collect();
        let item = match items.split_first() {
            None => Type::unknown(),
            Some((first, rest)) if rest.iter().all(|other| other.ty == first.ty) => {
                first.ty.clone()
            }
            Some((first, rest)) => {
                self.json(first.start, rest.last().map_or(first.end, |last| last.end))
            }
        };
        Type::List {
            item: Box::new(item),
        }
    }
}

/// Lower-cased name with the module prefixes that do not change its meaning removed.
fn canonical(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for prefix in [
        "typing_extensions.",
        "typing.",
        "builtins.",
        "collections.abc.",
        "collections.",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    lower
}

fn is_list_like(name: &str) -> bool {
    matches!(
        name,
        "list"
            | "sequence"
            | "mutablesequence"
            | "iterable"
            | "iterator"
            | "collection"
            | "set"
            | "frozenset"
            | "abstractset"
            | "mutableset"
            | "tuple"
            | "array"
    )
}

/// The types that take no parameters.
fn scalar(name: &str) -> Option<Type> {
    Some(match name {
        "str" | "unicode" | "string" | "text" => Type::Str,
        "int" | "integer" | "long" => Type::Int,
        "float" | "number" => Type::Float,
        "bool" | "boolean" => Type::Bool,
        "none" | "nonetype" => Type::None,
        "date" | "datetime.date" => Type::Date,
        "datetime" | "datetime.datetime" => Type::DateTime,
        "decimal" | "decimal.decimal" => Type::Decimal,
        _ => return None,
    })
}

/// A literal made of string values only; `None` when any argument is something else.
fn literal(args: &[Spanned]) -> Option<Type> {
    let mut values = Vec::new();
    let mut seen = HashSet::new();
    for arg in args {
        let Type::Literal { values: more } = &arg.ty else {
            return None;
        };
        for value in more {
            if seen.insert(value.as_str()) {
                values.push(value.clone());
            }
        }
    }
    (!values.is_empty()).then_some(Type::Literal { values })
}

/// Collects union variants: flattens nested unions and optionals, notes `None`, merges string
/// literals into one literal and drops duplicates, keeping first-seen order.
#[derive(Default)]
struct UnionBuilder {
    has_none: bool,
    variants: Vec<Type>,
    /// Where the merged literal goes among `variants` (a placeholder sits there until `finish`).
    literal_at: Option<usize>,
    literal_values: Vec<String>,
    literal_seen: HashSet<String>,
}

impl UnionBuilder {
    fn add(&mut self, ty: Type) -> Result<(), Invalid> {
        // Unions and optionals built here are already flat, so one level of unpacking suffices.
        let (flat, none) = match ty {
            Type::Optional { inner } => (*inner, true),
            other => (other, false),
        };
        self.has_none |= none;
        match flat {
            Type::Union { variants } => variants
                .into_iter()
                .try_for_each(|variant| self.add_leaf(variant)),
            other => self.add_leaf(other),
        }
    }

    fn add_leaf(&mut self, ty: Type) -> Result<(), Invalid> {
        match ty {
            Type::None => self.has_none = true,
            Type::Literal { values } => {
                if self.literal_at.is_none() {
                    self.literal_at = Some(self.variants.len());
                    self.variants.push(Type::Literal { values: Vec::new() });
                }
                for value in values {
                    if self.literal_seen.insert(value.clone()) {
                        self.literal_values.push(value);
                    }
                }
            }
            other if self.variants.contains(&other) => {}
            _ if self.variants.len() >= MAX_UNION_VARIANTS => return Err(Invalid),
            other => self.variants.push(other),
        }
        Ok(())
    }

    fn finish(mut self) -> Type {
        if let Some(slot) = self.literal_at.and_then(|at| self.variants.get_mut(at)) {
            *slot = Type::Literal {
                values: std::mem::take(&mut self.literal_values),
            };
        }
        let inner = match self.variants.len() {
            0 => return Type::None,
            1 => self.variants.swap_remove(0),
            _ => Type::Union {
                variants: self.variants,
            },
        };
        if self.has_none {
            Type::Optional {
                inner: Box::new(inner),
            }
        } else {
            inner
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_type;
    use crate::model::Type;

    fn json(raw: &str) -> Type {
        Type::Json {
            raw: raw.to_owned(),
        }
    }
    fn list(item: Type) -> Type {
        Type::List {
            item: Box::new(item),
        }
    }
    fn map(value: Type) -> Type {
        Type::Map {
            value: Box::new(value),
        }
    }
    fn opt(inner: Type) -> Type {
        Type::Optional {
            inner: Box::new(inner),
        }
    }
    fn union(variants: Vec<Type>) -> Type {
        Type::Union { variants }
    }
    fn literal(values: &[&str]) -> Type {
        Type::Literal {
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn builtin_scalars_in_every_spelling() {
        for (text, ty) in [
            ("str", Type::Str),
            ("unicode", Type::Str),
            ("string", Type::Str),
            ("String", Type::Str),
            ("int", Type::Int),
            ("integer", Type::Int),
            ("INT", Type::Int),
            ("float", Type::Float),
            ("number", Type::Float),
            ("bool", Type::Bool),
            ("Boolean", Type::Bool),
            ("None", Type::None),
            ("NoneType", Type::None),
            ("date", Type::Date),
            ("datetime.date", Type::Date),
            ("datetime", Type::DateTime),
            ("datetime.datetime", Type::DateTime),
            ("Decimal", Type::Decimal),
            ("decimal.Decimal", Type::Decimal),
            ("builtins.str", Type::Str),
        ] {
            assert_eq!(parse_type(text), ty, "{text}");
        }
    }

    #[test]
    fn maps() {
        assert_eq!(parse_type("dict"), map(Type::unknown()));
        assert_eq!(parse_type("Dict[str, int]"), map(Type::Int));
        assert_eq!(parse_type("dict[str, int]"), map(Type::Int));
        assert_eq!(parse_type("typing.Dict[str, Any]"), map(json("Any")));
        assert_eq!(parse_type("Mapping"), map(Type::unknown()));
        assert_eq!(
            parse_type("MutableMapping[str, List[int]]"),
            map(list(Type::Int))
        );
        assert_eq!(parse_type("Dict[str]"), json("Dict[str]"));
    }

    #[test]
    fn lists_sets_and_tuples() {
        assert_eq!(parse_type("list"), list(Type::unknown()));
        assert_eq!(parse_type("List[int]"), list(Type::Int));
        assert_eq!(parse_type("list[str]"), list(Type::Str));
        assert_eq!(parse_type("list of str"), list(Type::Str));
        assert_eq!(parse_type("list of dict"), list(map(Type::unknown())));
        assert_eq!(parse_type("Sequence[float]"), list(Type::Float));
        assert_eq!(parse_type("Iterable"), list(Type::unknown()));
        assert_eq!(parse_type("Set[str]"), list(Type::Str));
        assert_eq!(parse_type("set"), list(Type::unknown()));
        assert_eq!(parse_type("tuple"), list(Type::unknown()));
        assert_eq!(parse_type("Tuple[int, int]"), list(Type::Int));
        assert_eq!(parse_type("Tuple[int, ...]"), list(Type::Int));
        assert_eq!(parse_type("Tuple[int, str]"), list(json("int, str")));
        assert_eq!(parse_type("List[int, str]"), json("List[int, str]"));
    }

    #[test]
    fn optionals_and_unions() {
        assert_eq!(parse_type("Optional[int]"), opt(Type::Int));
        assert_eq!(
            parse_type("typing.Optional[List[str]]"),
            opt(list(Type::Str))
        );
        assert_eq!(parse_type("int or None"), opt(Type::Int));
        assert_eq!(parse_type("None or int"), opt(Type::Int));
        assert_eq!(parse_type("int | None"), opt(Type::Int));
        assert_eq!(parse_type("int|None"), opt(Type::Int));
        assert_eq!(parse_type("Union[int, None]"), opt(Type::Int));
        assert_eq!(
            parse_type("Union[int, str]"),
            union(vec![Type::Int, Type::Str])
        );
        assert_eq!(parse_type("int or str"), union(vec![Type::Int, Type::Str]));
        assert_eq!(
            parse_type("int | str | None"),
            opt(union(vec![Type::Int, Type::Str]))
        );
        assert_eq!(
            parse_type("Union[int, Optional[str]]"),
            opt(union(vec![Type::Int, Type::Str]))
        );
        assert_eq!(parse_type("Union[int]"), Type::Int);
        assert_eq!(parse_type("int or int"), Type::Int);
        assert_eq!(parse_type("Optional[None]"), Type::None);
        assert_eq!(parse_type("Optional[Optional[int]]"), opt(Type::Int));
        assert_eq!(parse_type("list of str or None"), opt(list(Type::Str)));
        assert_eq!(parse_type("Optional"), json("Optional"));
        assert_eq!(parse_type("Union[]"), json("Union[]"));
    }

    #[test]
    fn literals() {
        assert_eq!(
            parse_type("Literal['paid', 'submitted']"),
            literal(&["paid", "submitted"])
        );
        assert_eq!(parse_type("Literal[\"paid\"]"), literal(&["paid"]));
        assert_eq!(
            parse_type("typing.Literal['a', 'a', 'b']"),
            literal(&["a", "b"])
        );
        assert_eq!(parse_type("Literal[1, 2]"), json("Literal[1, 2]"));
        assert_eq!(parse_type("Literal['a', None]"), json("Literal['a', None]"));
        assert_eq!(parse_type("Optional[Literal['a']]"), opt(literal(&["a"])));
        assert_eq!(
            parse_type("{'paid', 'submitted'}"),
            literal(&["paid", "submitted"])
        );
        assert_eq!(
            parse_type("'paid' or 'submitted'"),
            literal(&["paid", "submitted"])
        );
        assert_eq!(parse_type(r"Literal['it\'s']"), literal(&["it's"]));
    }

    #[test]
    fn everything_else_is_json_with_the_trimmed_text() {
        for text in [
            "Any",
            "object",
            "Order",
            "np.ndarray",
            "array_like",
            "Callable[..., Any]",
            "what is this",
            "Foo[int]",
        ] {
            assert_eq!(parse_type(&format!("  {text}\n")), json(text), "{text}");
        }
        assert_eq!(parse_type(""), Type::unknown());
        assert_eq!(parse_type("   "), Type::unknown());
        assert_eq!(parse_type("List[Order]"), list(json("Order")));
    }

    #[test]
    fn sphinx_roles_and_trailing_optional_are_tolerated() {
        assert_eq!(parse_type(":obj:`str`"), Type::Str);
        assert_eq!(
            parse_type(":class:`~typing.List`\\[int]"),
            json(":class:`~typing.List`\\[int]")
        );
        assert_eq!(parse_type(":py:class:`dict`"), map(Type::unknown()));
        assert_eq!(parse_type(":class:`Order`"), json(":class:`Order`"));
        assert_eq!(parse_type("int, optional"), Type::Int);
        assert_eq!(parse_type("int , Optional"), Type::Int);
        assert_eq!(parse_type("optional"), json("optional"));
    }

    #[test]
    fn garbage_and_unbalanced_brackets_become_json() {
        for text in [
            "List[int",
            "List[int]]",
            "Dict[str, ",
            "]",
            "[",
            "((int)",
            "'open",
            "int,",
            "List[[int]]",
            "->",
            "a b c",
            "Optional[int] = None",
        ] {
            assert_eq!(parse_type(text), json(text.trim()), "{text}");
        }
        assert_eq!(parse_type("(int)"), Type::Int);
    }

    #[test]
    fn non_ascii_and_control_characters_are_kept_as_text() {
        for text in [
            "Заказ",
            "dict\u{0}",
            "str\u{202e}",
            "Список[int]",
            "<b>&amp;</b>",
            "*/ \"#",
        ] {
            assert_eq!(parse_type(text), json(text), "{text:?}");
        }
    }

    #[test]
    fn nesting_up_to_the_limit_parses_and_beyond_it_is_json() {
        let nested = |depth: usize| format!("{}int{}", "List[".repeat(depth), "]".repeat(depth));
        let mut expected = Type::Int;
        for _ in 0..super::MAX_DEPTH {
            expected = list(expected);
        }
        assert_eq!(parse_type(&nested(super::MAX_DEPTH)), expected);
        let too_deep = nested(1000);
        assert_eq!(parse_type(&too_deep), json(&too_deep));
    }

    #[test]
    fn hostile_inputs_do_not_panic_or_overflow() {
        // A million levels for the nesting cases (cheap: parsing stops at the depth cap); the
        // long flat cases are smaller only to keep debug-mode test runs quick.
        let million = 1_000_000;
        let many = 100_000;
        let inputs = [
            "List[".repeat(million),
            format!("{}int{}", "List[".repeat(million), "]".repeat(million)),
            "list of ".repeat(million) + "int",
            "(".repeat(million),
            "int | ".repeat(many) + "str",
            format!("Literal[{}'x']", "'a', ".repeat(many)),
            format!("Tuple[{}int]", "int, ".repeat(many)),
            ":a".repeat(many),
            "`".repeat(many),
            "é".repeat(many),
        ];
        for input in &inputs {
            let _ = parse_type(input);
        }
        assert_eq!(
            parse_type(&("int | ".repeat(many) + "str")),
            union(vec![Type::Int, Type::Str])
        );
    }

    #[test]
    fn too_many_union_variants_is_json() {
        let text = (0..100)
            .map(|i| format!("T{i}"))
            .collect::<Vec<_>>()
            .join(" | ");
        assert_eq!(parse_type(&text), json(&text));
    }
}
