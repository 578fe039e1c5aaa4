//! Syntax-tree pieces emission builds directly as `syn` nodes: doc attributes, the methods of
//! the node handle and the setters (the parts repeated thousands of times), and the types in
//! them; and items parsed from `quote!` tokens with their docs put in front.
//!
//! Parsing is the expensive way to get a syntax tree. Written into `quote!` tokens, docs were
//! lexed, copied into `syn`'s token buffer and parsed as attributes (each literal read twice),
//! three quarters of the cost of formatting a file; per-method signatures and call chains were
//! most of the rest. Built here they go straight to `prettyplease`, which prints them exactly as
//! it printed the parsed ones. What is written once per node or per enum is still built with
//! `quote!` and checked by parsing it with `syn`, and the constant pieces a method is made of
//! are parsed that way too, once per node ([`Templates`]).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, Parser};
use syn::punctuated::Punctuated;
use syn::{
    AngleBracketedGenericArguments, AttrStyle, Attribute, Expr, ExprArray, ExprCall, ExprLit,
    ExprMethodCall, ExprPath, ExprReference, FnArg, GenericArgument, ImplItemFn, Lit, LitBool,
    LitStr, Meta, MetaNameValue, Pat, PatIdent, PatType, Path, PathArguments, PathSegment,
    ReturnType, Stmt, Type, TypePath, TypeTuple,
};

/// Parses the emitter's own `quote!` tokens as one syntax node.
///
/// The tokens are the emitter's code around [`crate::resolve::Name`]s and string literals, so
/// nothing a map holds can make them fail to parse: a failure is a bug in the emitter's code,
/// the same for every input (the fuzz target and every snapshot would show it), and panics.
pub fn parse<T: Parse>(tokens: TokenStream) -> T {
    match syn::parse2(tokens) {
        Ok(node) => node,
        Err(e) => panic!("the emitter's own code does not parse: {e}"),
    }
}

/// `#[...]` attributes from the emitter's own tokens, as [`parse`] parses them.
pub fn outer_attrs(tokens: TokenStream) -> Vec<Attribute> {
    match Attribute::parse_outer.parse2(tokens) {
        Ok(attrs) => attrs,
        Err(e) => panic!("the emitter's own attributes do not parse: {e}"),
    }
}

/// Syntax nodes that carry attributes, so that docs can be put in front of them.
pub trait HasAttrs {
    fn attrs_mut(&mut self) -> &mut Vec<Attribute>;
}

macro_rules! has_attrs {
    ($($node:ty),* $(,)?) => {
        $(impl HasAttrs for $node {
            fn attrs_mut(&mut self) -> &mut Vec<Attribute> {
                &mut self.attrs
            }
        })*
    };
}

has_attrs!(
    syn::ItemStruct,
    syn::ItemEnum,
    syn::ItemConst,
    syn::ImplItemFn
);

/// Parses `tokens` as one syntax node (see [`parse`]) and puts `docs` before its other
/// attributes.
pub fn documented<T: Parse + HasAttrs>(docs: Vec<Attribute>, tokens: TokenStream) -> T {
    let mut node: T = parse(tokens);
    node.attrs_mut().splice(0..0, docs);
    node
}

/// The constant pieces generated methods are made of, parsed once per node from `quote!`
/// tokens and cloned into each method: cloning a syntax tree is far cheaper than parsing it.
pub struct Templates {
    /// `pub fn f(&self) {}`: a method of the node handle.
    method: ImplItemFn,
    /// `pub fn f(self) -> Self {}`: a setter of a request.
    setter: ImplItemFn,
    /// `self.client`, where every method's call chain starts.
    client: Expr,
    /// `impl ::std::convert::Into<::std::string::String>`, how string arguments are taken.
    pub into_string: Type,
    /// `impl ::serde::Serialize`, how arguments of no known type are taken.
    pub serialize: Type,
}

impl Templates {
    pub fn new() -> Templates {
        Templates {
            method: parse(quote!(
                pub fn f(&self) {}
            )),
            setter: parse(quote!(
                pub fn f(self) -> Self {}
            )),
            client: parse(quote!(self.client)),
            into_string: parse(quote!(impl ::std::convert::Into<::std::string::String>)),
            serialize: parse(quote!(impl ::serde::Serialize)),
        }
    }

    /// `pub fn name(&self, args..) -> output { body }` with `attrs` (docs first).
    pub fn method(
        &self,
        attrs: Vec<Attribute>,
        name: Ident,
        args: Vec<(Ident, Type)>,
        output: Type,
        body: Expr,
    ) -> ImplItemFn {
        let mut f = function(&self.method, attrs, name, args, body);
        f.sig.output = ReturnType::Type(Default::default(), Box::new(output));
        f
    }

    /// `pub fn name(self, arg) -> Self { body }` with `attrs` (docs first).
    pub fn setter(
        &self,
        attrs: Vec<Attribute>,
        name: Ident,
        arg: (Ident, Type),
        body: Expr,
    ) -> ImplItemFn {
        function(&self.setter, attrs, name, vec![arg], body)
    }

    /// `self.client`.
    pub fn client(&self) -> Expr {
        self.client.clone()
    }
}

fn function(
    template: &ImplItemFn,
    attrs: Vec<Attribute>,
    name: Ident,
    args: Vec<(Ident, Type)>,
    body: Expr,
) -> ImplItemFn {
    let mut f = template.clone();
    f.attrs = attrs;
    f.sig.ident = name;
    f.sig.inputs.extend(args.into_iter().map(|(ident, ty)| {
        FnArg::Typed(PatType {
            attrs: Vec::new(),
            pat: Box::new(Pat::Ident(PatIdent {
                attrs: Vec::new(),
                by_ref: None,
                mutability: None,
                ident,
                subpat: None,
            })),
            colon_token: Default::default(),
            ty: Box::new(ty),
        })
    }));
    f.block.stmts = vec![Stmt::Expr(body, None)];
    f
}

thread_local! {
    /// `()` and `[]`, made once per thread: `Default::default` builds (and drops) an empty token
    /// group for each one's span, and the spec table alone has hundreds of thousands of them.
    static DELIMITERS: (syn::token::Paren, syn::token::Bracket) = Default::default();
}

/// The delimiter tokens of calls and arrays (they are `Copy`).
fn delimiters() -> (syn::token::Paren, syn::token::Bracket) {
    DELIMITERS.with(|d| *d)
}

/// An identifier the generator itself names (`std`, `__arg`, ...), never one from a map.
pub fn word(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `a::b::C<args>` (`::a::b::C<args>` when `global`), the arguments on the last segment.
pub fn path_type(global: bool, segments: &[&str], args: Vec<GenericArgument>) -> Type {
    let mut segments: Punctuated<PathSegment, syn::Token![::]> = segments
        .iter()
        .map(|s| PathSegment::from(word(s)))
        .collect();
    if let (false, Some(last)) = (args.is_empty(), segments.last_mut()) {
        last.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().collect(),
            gt_token: Default::default(),
        });
    }
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path: Path {
            leading_colon: global.then(Default::default),
            segments,
        },
    })
}

/// A type named by one identifier (`i64`, or a generated enum or marker).
pub fn named_type(name: Ident) -> Type {
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path: name.into(),
    })
}

/// `()`.
pub fn unit_type() -> Type {
    Type::Tuple(TypeTuple {
        attrs: Vec::new(),
        paren_token: delimiters().0,
        elems: Punctuated::new(),
    })
}

/// A variable or constant by name.
pub fn name_expr(name: Ident) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: name.into(),
    })
}

/// A string literal holding `text`, escaped as `quote!` (`LitStr::new`) would escape it.
///
/// `proc_macro2` escapes each char through `char::escape_debug`, which was most of the cost of
/// the spec table's strings (tens of instructions a char); here the runs of chars it leaves as
/// they are ([`unescaped`]) are copied whole, and only the others go through it. The literal
/// is a `Lit::Verbatim`: `prettyplease` prints it from its text, as it prints a `LitStr`, and
/// does not need the value `syn` would decode from it again.
pub fn str_expr(text: &str) -> Expr {
    let repr = string_repr(text);
    let lit = match repr.parse::<Literal>() {
        Ok(literal) => Lit::Verbatim(literal),
        // Cannot happen (the text is an escaped string literal); the slow way is the same text.
        Err(_) => Lit::Str(LitStr::new(text, Span::call_site())),
    };
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// The source text of the string literal `proc_macro2::Literal::string(text)` makes.
fn string_repr(text: &str) -> String {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut rest = text;
    while let Some(at) = first_escaped(rest) {
        repr.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        rest = &rest[at + c.len_utf8()..];
        match c {
            // As `proc_macro2` writes them: `\0` would read as an octal escape before a digit.
            '\0' if rest.starts_with(|next: char| next.is_ascii_digit() && next <= '7') => {
                repr.push_str("\\x00")
            }
            '\0' => repr.push_str("\\0"),
            '\'' => repr.push(c),
            _ => repr.extend(c.escape_debug()),
        }
    }
    repr.push_str(rest);
    repr.push('"');
    repr
}

/// Where the first char of `text` that is not [`unescaped`] starts. By bytes: printable ASCII
/// is one byte, U+0400..U+047F (most of Cyrillic) two that start with `0xD0` or `0xD1`.
fn first_escaped(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        at += match b {
            b'"' | b'\\' => return Some(at),
            b' '..=b'~' => 1,
            0xD0 | 0xD1 => 2,
            _ => match text[at..].chars().next() {
                Some(c) if unescaped(c) => c.len_utf8(),
                _ => return Some(at),
            },
        };
    }
    None
}

/// Chars `char::escape_debug` leaves as they are, as far as cheap to tell: printable ASCII but
/// `"` and `\`, and the Cyrillic letters (the maps' other language; the combining marks
/// U+0483..U+0489 are escaped). A test checks both ranges against `escape_debug`.
fn unescaped(c: char) -> bool {
    matches!(c, ' '..='~' if c != '"' && c != '\\')
        || matches!(c, '\u{400}'..='\u{482}' | '\u{48a}'..='\u{52f}')
}

/// `true` or `false`.
pub fn bool_expr(value: bool) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::Bool(LitBool::new(value, Span::call_site())),
    })
}

/// A path of the generator's own words as an expression: `TypeSpec::Integer`, `None`.
pub fn path_expr(segments: &[&str]) -> Expr {
    let segments = segments.iter().map(|s| PathSegment::from(word(s)));
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: Path {
            leading_colon: None,
            segments: segments.collect(),
        },
    })
}

/// `function(args)`, the function named by a path of the generator's own words.
pub fn call(function: &[&str], args: Vec<Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(function)),
        paren_token: delimiters().0,
        args: args.into_iter().collect(),
    })
}

/// `&expr`.
pub fn reference(expr: Expr) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `&[elems]`: a slice of constants.
pub fn slice(elems: impl IntoIterator<Item = Expr>) -> Expr {
    reference(Expr::Array(ExprArray {
        attrs: Vec::new(),
        bracket_token: delimiters().1,
        elems: elems.into_iter().collect(),
    }))
}

/// `receiver.method(args)`.
pub fn method_call(receiver: Expr, method: &str, args: Vec<Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: word(method),
        turbofish: None,
        paren_token: delimiters().0,
        args: args.into_iter().collect(),
    })
}

/// Doc attributes for text, one per line so they print as `///` (or `//!`) comments.
pub fn doc_attrs(text: &str, inner: bool) -> Vec<Attribute> {
    // Doc lines are most of what the generator emits: the parts all lines share are made once.
    let doc = Path::from(word("doc"));
    let bracket_token = delimiters().1;
    text.lines()
        .map(|line| Attribute {
            pound_token: Default::default(),
            style: if inner {
                AttrStyle::Inner(Default::default())
            } else {
                AttrStyle::Outer
            },
            bracket_token,
            meta: Meta::NameValue(MetaNameValue {
                path: doc.clone(),
                eq_token: Default::default(),
                value: Expr::Lit(ExprLit {
                    attrs: Vec::new(),
                    lit: Lit::new(doc_literal(line)),
                }),
            }),
        })
        .collect()
}

/// The literal of one doc line: ` line`, or empty for an empty line.
///
/// It is written raw (`r"…"`, or `r#"…"#` when the text holds `"`), with more `#`s than follow
/// any `"` in the text so that nothing in it can end the literal. The formatter reads a raw
/// literal back by slicing rather than unescaping char by char; the printed comment is the same
/// either way. Should the lexer still refuse it, the line goes in as an ordinary escaped
/// literal.
fn doc_literal(line: &str) -> Literal {
    if line.is_empty() {
        return Literal::string("");
    }
    let hashes = raw_hashes(line);
    let mut raw = String::with_capacity(line.len() + 2 * hashes + 4);
    raw.push('r');
    raw.extend(std::iter::repeat_n('#', hashes));
    raw.push_str("\" ");
    raw.push_str(line);
    raw.push('"');
    raw.extend(std::iter::repeat_n('#', hashes));
    raw.parse()
        .unwrap_or_else(|_| Literal::string(&format!(" {line}")))
}

/// How many `#`s a raw string holding `text` needs: one more than the longest run of `#`
/// after a `"`, and none when there is no `"`.
fn raw_hashes(text: &str) -> usize {
    text.split('"')
        .skip(1)
        .map(|after| 1 + after.bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn doc_literals_hold_their_text_exactly() {
        for text in [
            "plain",
            "say \"hi\"",
            "r#\"raw\"#",
            "\"##### and \"#",
            "ends with \"",
            "back\\slash \\\" and \u{7f} and ё",
            "\"",
        ] {
            let literal = doc_literal(text);
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), format!(" {text}"), "{literal}");
        }
        assert_eq!(doc_literal("").to_string(), "\"\"");
        assert_eq!(doc_literal("a").to_string(), "r\" a\"");
        assert_eq!(raw_hashes("a \"## b\" c"), 3);
    }

    /// `str_expr` prints what `LitStr::new` prints: every char alone, after a `\0`, between
    /// plain text; and the ranges `unescaped` lets through are those `escape_debug` does.
    #[test]
    fn string_literals_are_written_as_proc_macro2_writes_them() {
        let print = |expr: &Expr| quote!(#expr).to_string();
        let slow = |text: &str| LitStr::new(text, Span::call_site()).token().to_string();
        let mut texts: Vec<String> = (0..=u32::from(char::MAX))
            .step_by(7)
            .chain(0..0x600)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b"))
            .collect();
        for next in ["", "0", "7", "8", "a", "\0"] {
            texts.push(format!("\0{next}"));
        }
        texts.extend(
            [
                "say \"hi\" \\ 'it'",
                "Статус заказа: оплачен\u{483}",
                "\u{202e}\t\r\n",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(print(&str_expr(text)), slow(text), "{text:?}");
        }
        let ranges = [' '..='~', '\u{400}'..='\u{482}', '\u{48a}'..='\u{52f}'];
        // `'` is left as it is by `proc_macro2`, not by `escape_debug` (the texts above check it).
        for c in ranges
            .into_iter()
            .flatten()
            .filter(|c| !matches!(c, '"' | '\\' | '\''))
        {
            assert!(unescaped(c) && c.escape_debug().eq([c]), "{c:?}");
        }
    }

    /// The attributes built here are the ones `syn` would parse from the same doc comment, so
    /// `prettyplease` prints them as the comment.
    #[test]
    fn doc_attrs_are_what_syn_parses_from_doc_comments() {
        let built: syn::ItemStruct = documented(
            doc_attrs("One.\n\nSay \"two\".", false),
            quote!(
                struct S;
            ),
        );
        let file = syn::File {
            shebang: None,
            frontmatter: None,
            attrs: doc_attrs("Inner.", true),
            items: vec![syn::Item::Struct(built)],
        };
        assert_eq!(
            prettyplease::unparse(&file),
            "//! Inner.\n/// One.\n///\n/// Say \"two\".\nstruct S;\n"
        );
    }
}
