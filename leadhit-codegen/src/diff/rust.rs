//! The Rust side of a change: a resolved type as a crate user spells it, and whether a typed
//! item looks different to a dependent (its type, or the variants of an enum it names).

use crate::resolve::{LiteralEnum, Name, RustType};
use std::collections::BTreeSet;

/// A resolved type and the enums it may name (a method's or a record's), seen from the crate
/// root: a method's enums live in its node's module.
#[derive(Clone, Copy)]
pub(super) struct Typed<'a> {
    pub ty: &'a RustType,
    pub enums: &'a [LiteralEnum],
    /// The module a named enum lives in; `None` for the root (records and their enums).
    pub module: Option<&'a Name>,
}

impl Typed<'_> {
    /// The type as a dependent writes it from outside the crate, e.g. `Vec<String>` or
    /// `orders::SetOrderStatusStatus`.
    pub fn text(&self) -> String {
        text(self.ty, self.module)
    }

    /// True when a dependent sees another type: other text, or a named enum whose variants
    /// (names and wire values, in any order) or catch-all variant changed.
    pub fn differs(&self, other: &Typed<'_>) -> bool {
        if self.text() != other.text() {
            return true;
        }
        let (mine, theirs) = (self.named_enums(), other.named_enums());
        mine.len() != theirs.len()
            || mine
                .iter()
                .zip(&theirs)
                .any(|(a, b)| enum_shape(a) != enum_shape(b))
    }

    /// The enums the type names, in the order it names them (an enum left out, which resolve
    /// reported, is skipped on both sides alike).
    fn named_enums(&self) -> Vec<&LiteralEnum> {
        let mut names = Vec::new();
        enum_names(self.ty, &mut names);
        names
            .into_iter()
            .filter_map(|name| self.enums.iter().find(|e| &e.name == name))
            .collect()
    }
}

type EnumShape<'a> = (BTreeSet<(&'a str, &'a str)>, Option<&'a str>);

fn enum_shape(e: &LiteralEnum) -> EnumShape<'_> {
    let variants = e
        .variants
        .iter()
        .map(|(name, wire)| (name.as_str(), wire.as_str()))
        .collect();
    (variants, e.other.as_ref().map(Name::as_str))
}

fn enum_names<'a>(ty: &'a RustType, out: &mut Vec<&'a Name>) {
    match ty {
        RustType::Enum { name } => out.push(name),
        RustType::Map { value: inner }
        | RustType::List { item: inner }
        | RustType::Option { inner } => enum_names(inner, out),
        _ => {}
    }
}

/// `ty` spelled as Rust, generated enums prefixed with `module::`.
pub(super) fn text(ty: &RustType, module: Option<&Name>) -> String {
    ty.spelled(&mut |t, name| match (t, module) {
        (RustType::Enum { .. }, Some(module)) => format!("{module}::{name}"),
        _ => name.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::EnumOf;

    fn name(s: &str) -> Name {
        Name::new(s).unwrap()
    }

    fn status(values: &[&str]) -> LiteralEnum {
        LiteralEnum {
            name: name("Status"),
            of: EnumOf::Result,
            variants: values
                .iter()
                .map(|v| (name(&v[..1].to_uppercase()), (*v).to_owned()))
                .collect(),
            other: None,
        }
    }

    #[test]
    fn types_read_like_rust_from_the_crate_root() {
        let module = name("orders");
        let ty = RustType::List {
            item: Box::new(RustType::Option {
                inner: Box::new(RustType::Enum {
                    name: name("Status"),
                }),
            }),
        };
        assert_eq!(text(&ty, Some(&module)), "Vec<Option<orders::Status>>");
        assert_eq!(text(&ty, None), "Vec<Option<Status>>");
    }

    fn typed<'a>(ty: &'a RustType, enums: &'a [LiteralEnum]) -> Typed<'a> {
        Typed {
            ty,
            enums,
            module: None,
        }
    }

    #[test]
    fn an_enum_differs_by_its_variants_not_their_order() {
        let ty = RustType::Enum {
            name: name("Status"),
        };
        let (ab, ba, a) = (
            [status(&["a", "b"])],
            [status(&["b", "a"])],
            [status(&["a"])],
        );
        assert!(!typed(&ty, &ab).differs(&typed(&ty, &ba)));
        assert!(typed(&ty, &ab).differs(&typed(&ty, &a)));
        assert!(typed(&ty, &a).differs(&typed(&ty, &ab)));
    }
}
