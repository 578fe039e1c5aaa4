//! The serde impls of the generated `Literal[...]` enums, written once as a macro.
//!
//! A generated enum stands for the strings a param or result may take (`Literal['paid',
//! 'submitted']`), and goes over the wire as those strings. `serde_derive` would need a
//! `#[serde(rename)]` per variant and expands to several times the code of these two small impls;
//! spelling the impls out in every generated module was 40 % of the generated source. With the
//! macro each enum costs one line of generated code, and the impls live here, where they are
//! tested.

/// Implements `Serialize` and `Deserialize` for an enum as the given wire strings:
/// `literal_serde!(Status { Paid = "paid", Submitted = "submitted" });`.
///
/// A variant serializes as its string; deserializing any other string is serde's "unknown
/// variant `x`, expected one of `paid`, `submitted`" error. With `else Other` the enum is open
/// (the values of a result, which the server may add to): its `Other(String)` variant
/// serializes as the string it holds, and any other string deserializes into it.
// Unused when no cached map has a `Literal` type.
#[allow(unused_macros)]
macro_rules! literal_serde {
    ($name:ident { $($variant:ident = $wire:literal),+ $(,)? } else $other:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(match self {
                    $(Self::$variant => $wire,)+
                    Self::$other(value) => value,
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(match value.as_str() {
                    $($wire => Self::$variant,)+
                    _ => Self::$other(value),
                })
            }
        }
    };
    ($name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(match self {
                    $(Self::$variant => $wire,)+
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                match value.as_str() {
                    $($wire => ::std::result::Result::Ok(Self::$variant),)+
                    other => ::std::result::Result::Err(
                        <D::Error as ::serde::de::Error>::unknown_variant(other, &[$($wire),+]),
                    ),
                }
            }
        }
    };
}

// Reached by path (`crate::literal::literal_serde!`) from the generated modules.
#[allow(unused_imports)]
pub(crate) use literal_serde;

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Status {
        Paid,
        Submitted,
        Quoted,
    }
    crate::literal::literal_serde!(Status {
        Paid = "paid",
        Submitted = "submitted",
        Quoted = "say \"hi\"",
    });

    #[test]
    fn variants_go_over_the_wire_as_their_strings() {
        for (variant, json) in [
            (Status::Paid, r#""paid""#),
            (Status::Submitted, r#""submitted""#),
            (Status::Quoted, r#""say \"hi\"""#),
        ] {
            assert_eq!(serde_json::to_string(&variant).unwrap(), json);
            assert_eq!(serde_json::from_str::<Status>(json).unwrap(), variant);
        }
        // Escaped JSON strings are read as their value, not their spelling.
        assert_eq!(
            serde_json::from_str::<Status>(r#""p\u0061id""#).unwrap(),
            Status::Paid
        );
        let list: Vec<Status> = serde_json::from_str(r#"["submitted", "paid"]"#).unwrap();
        assert_eq!(list, [Status::Submitted, Status::Paid]);
    }

    /// An open enum: what a result may hold, values added to the API later included.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum State {
        New,
        Other(String),
    }
    crate::literal::literal_serde!(State { New = "new" } else Other);

    #[test]
    fn open_enums_keep_values_they_do_not_list() {
        assert_eq!(
            serde_json::from_str::<State>(r#""new""#).unwrap(),
            State::New
        );
        let added = serde_json::from_str::<State>(r#""archived""#).unwrap();
        assert_eq!(added, State::Other("archived".to_owned()));
        assert_eq!(serde_json::to_string(&added).unwrap(), r#""archived""#);
        assert_eq!(serde_json::to_string(&State::New).unwrap(), r#""new""#);
        // The listed value is its variant, even when spelled with an escape.
        assert_eq!(
            serde_json::from_str::<State>(r#""n\u0065w""#).unwrap(),
            State::New
        );
        assert!(serde_json::from_str::<State>("1").is_err());
    }

    #[test]
    fn other_values_are_errors_naming_the_expected_ones() {
        let error = serde_json::from_str::<Status>(r#""refunded""#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown variant `refunded`, expected one of `paid`, `submitted`, `say \"hi\"`"
        );
        for not_a_string in ["1", "null", r#"{"paid": null}"#, "[]"] {
            assert!(
                serde_json::from_str::<Status>(not_a_string).is_err(),
                "{not_a_string}"
            );
        }
    }
}
