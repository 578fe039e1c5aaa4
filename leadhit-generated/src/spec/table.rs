//! The constructors the generated `leadhit::spec` table is written with, for generated code only.
//!
//! Written as struct literals, the table was one field per line with every `None` spelled out:
//! more than half of the generated crate's lines, and of what the generator spends printing
//! it. With these, a param is `optional("limit", TypeSpec::Integer)` followed by a call for
//! each thing its docstring says (`.python_type(..)`, `.doc(..)`), and a name that is the same
//! on the wire and in Rust (nearly all of them) is written once. The values are the same
//! `const` data: these are `const fn`s, evaluated when the crate is compiled.
//!
//! Which of them a crate's table calls depends on its maps (one without records never calls
//! [`record`]), hence the `dead_code` allowance.
#![allow(dead_code)]

pub(crate) use super::{
    FieldSpec, MethodSpec, NodeSpec, ParamSpec, RaiseSpec, RecordSpec, TypeSpec,
};

/// A node and its methods; `rust_name` is its module, `command` its kebab-case name.
pub(crate) const fn node(
    name: &'static str,
    rust_name: &'static str,
    command: &'static str,
    methods: &'static [MethodSpec],
) -> NodeSpec {
    NodeSpec {
        name,
        rust_name,
        command,
        methods,
    }
}

/// A method named `name` on the wire and in Rust, whose docstring says nothing: no params
/// documented, no result, no exceptions. The calls below add what it does say.
pub(crate) const fn method(name: &'static str, command: &'static str) -> MethodSpec {
    MethodSpec {
        name,
        rust_name: name,
        command,
        summary: None,
        description: None,
        params: None,
        extra_args: false,
        deprecated: false,
        deprecation: None,
        returns: None,
        returns_python_type: None,
        returns_doc: None,
        raises: &[],
    }
}

impl MethodSpec {
    /// The Rust name, where it is not the wire name (`r#type`, `get_report` for `getReport`).
    pub(crate) const fn rust_name(self, rust_name: &'static str) -> Self {
        Self { rust_name, ..self }
    }

    pub(crate) const fn summary(self, summary: &'static str) -> Self {
        Self {
            summary: Some(summary),
            ..self
        }
    }

    pub(crate) const fn description(self, description: &'static str) -> Self {
        Self {
            description: Some(description),
            ..self
        }
    }

    /// The documented params (possibly none: documented as taking none).
    pub(crate) const fn params(self, params: &'static [ParamSpec]) -> Self {
        Self {
            params: Some(params),
            ..self
        }
    }

    /// The docstring documents `*args` or `**kwargs`.
    pub(crate) const fn extra_args(self) -> Self {
        Self {
            extra_args: true,
            ..self
        }
    }

    /// Deprecated, with the docstring's note.
    pub(crate) const fn deprecated(self, note: &'static str) -> Self {
        Self {
            deprecated: true,
            deprecation: Some(note),
            ..self
        }
    }

    pub(crate) const fn returns(self, returns: TypeSpec) -> Self {
        Self {
            returns: Some(returns),
            ..self
        }
    }

    pub(crate) const fn returns_python_type(self, python_type: &'static str) -> Self {
        Self {
            returns_python_type: Some(python_type),
            ..self
        }
    }

    pub(crate) const fn returns_doc(self, doc: &'static str) -> Self {
        Self {
            returns_doc: Some(doc),
            ..self
        }
    }

    pub(crate) const fn raises(self, raises: &'static [RaiseSpec]) -> Self {
        Self { raises, ..self }
    }
}

/// A required param named `name` on the wire and in Rust.
pub(crate) const fn required(name: &'static str, ty: TypeSpec) -> ParamSpec {
    ParamSpec {
        required: true,
        ..optional(name, ty)
    }
}

/// An optional param named `name` on the wire and in Rust, with no default, Python type or
/// doc.
pub(crate) const fn optional(name: &'static str, ty: TypeSpec) -> ParamSpec {
    ParamSpec {
        name,
        rust_name: name,
        required: false,
        default: None,
        ty,
        python_type: None,
        doc: None,
    }
}

impl ParamSpec {
    /// The Rust name, where it is not the wire name (`self_`, `r#type`).
    pub(crate) const fn rust_name(self, rust_name: &'static str) -> Self {
        Self { rust_name, ..self }
    }

    pub(crate) const fn default(self, default: &'static str) -> Self {
        Self {
            default: Some(default),
            ..self
        }
    }

    pub(crate) const fn python_type(self, python_type: &'static str) -> Self {
        Self {
            python_type: Some(python_type),
            ..self
        }
    }

    pub(crate) const fn doc(self, doc: &'static str) -> Self {
        Self {
            doc: Some(doc),
            ..self
        }
    }
}

/// A documented exception: its class, and when it is raised, each when documented.
pub(crate) const fn raise(kind: Option<&'static str>, doc: Option<&'static str>) -> RaiseSpec {
    RaiseSpec { kind, doc }
}

pub(crate) const fn record(name: &'static str, fields: &'static [FieldSpec]) -> RecordSpec {
    RecordSpec { name, fields }
}

/// A declared key of a record; `required` when it is always present.
pub(crate) const fn field(
    name: &'static str,
    required: bool,
    ty: TypeSpec,
    python_type: &'static str,
) -> FieldSpec {
    FieldSpec {
        name,
        required,
        ty,
        python_type,
        doc: None,
    }
}

impl FieldSpec {
    pub(crate) const fn doc(self, doc: &'static str) -> Self {
        Self {
            doc: Some(doc),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a constructor leaves out is what the struct literal said of an undocumented item.
    #[test]
    fn constructors_fill_in_what_a_docstring_leaves_out() {
        const P: ParamSpec = required("self", TypeSpec::Integer)
            .rust_name("self_")
            .default("1")
            .python_type("int")
            .doc("d");
        let expected = ParamSpec {
            name: "self",
            rust_name: "self_",
            required: true,
            default: Some("1"),
            ty: TypeSpec::Integer,
            python_type: Some("int"),
            doc: Some("d"),
        };
        assert_eq!(P, expected);
        const M: MethodSpec = method("m", "m").deprecated("old").extra_args();
        assert_eq!(M.rust_name, "m");
        assert_eq!(
            (M.deprecated, M.deprecation, M.extra_args),
            (true, Some("old"), true)
        );
        assert_eq!((M.params, M.returns, M.raises), (None, None, &[][..]));
        assert!(!optional("x", TypeSpec::Any).required);
    }
}
