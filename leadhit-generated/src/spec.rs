//! The API as static data: every node, method and param the maps document, for tools that are
//! driven by a table rather than by more generated code (a command-line client, a mock server,
//! a `describe` page).
//!
//! The table is written by `cargo xtask codegen` from the same resolved model as the typed
//! client, so the two always agree. Every `name` is the wire name, as sent to the server.
//!
//! Needs the `spec` feature (the `cli` and `mock` features turn it on): the table is about as
//! much to compile as the typed client, so builds that do not read it leave it out.
//!
//! ```
//! let method = leadhit::spec::method("orders", "set_order_status").unwrap();
//! assert_eq!(method.rust_name, "set_order_status");
//! let params = method.params.unwrap();
//! assert!(params.iter().all(|p| p.required));
//! ```

/// What the generated table is written with.
pub(crate) mod table;

/// Every node, in the order of the maps (sorted by node name).
pub static NODES: &[NodeSpec] = crate::generated::SPEC_NODES;

/// The node named `name` (its URL path segment, e.g. `orders`).
pub fn node(name: &str) -> Option<&'static NodeSpec> {
    NODES.iter().find(|n| n.name == name)
}

/// The method `method` of node `node`, both by wire name.
pub fn method(node: &str, method: &str) -> Option<&'static MethodSpec> {
    self::node(node)?.method(method)
}

/// One node: a JSON-RPC endpoint, `<base URL><name>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct NodeSpec {
    /// The URL path segment, e.g. `orders`.
    pub name: &'static str,
    /// The node's module and accessor on [`Client`](crate::Client), e.g. `orders`, or
    /// `client_node` where the runtime owns the name.
    pub rust_name: &'static str,
    /// The node's command name in kebab case, e.g. `order-items`.
    pub command: &'static str,
    /// Methods in the order of the node's map.
    pub methods: &'static [MethodSpec],
}

impl NodeSpec {
    /// The method named `name` (its wire name).
    pub fn method(&self, name: &str) -> Option<&'static MethodSpec> {
        self.methods.iter().find(|m| m.name == name)
    }
}

/// One method of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MethodSpec {
    /// The JSON-RPC `method`, e.g. `set_order_status` or `report.daily`.
    pub name: &'static str,
    /// The method on the node's handle, e.g. `get_report` or `r#type`.
    pub rust_name: &'static str,
    /// The method's command name in kebab case, e.g. `get-report`.
    pub command: &'static str,
    /// The docstring's first paragraph.
    pub summary: Option<&'static str>,
    /// The rest of the docstring's free text, without its param and return sections.
    pub description: Option<&'static str>,
    /// The documented params, in documented order; `None` when the docstring documents no
    /// params at all, so the method's signature is unknown (which is not "takes none").
    pub params: Option<&'static [ParamSpec]>,
    /// True when the docstring documents `*args` or `**kwargs`: the method takes params
    /// beyond those listed.
    pub extra_args: bool,
    /// True when the docstring marks the method deprecated.
    pub deprecated: bool,
    /// The deprecation note, when there is one.
    pub deprecation: Option<&'static str>,
    /// The type of the result; `None` when the docstring does not say.
    pub returns: Option<TypeSpec>,
    /// The result's type exactly as documented.
    pub returns_python_type: Option<&'static str>,
    /// What the docstring says of the result.
    pub returns_doc: Option<&'static str>,
    /// The exceptions the docstring documents; each comes back as a JSON-RPC error `-32000`
    /// whose `data.type` is the exception's class.
    pub raises: &'static [RaiseSpec],
}

/// One documented param.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParamSpec {
    /// The key in the params object, e.g. `order_id`.
    pub name: &'static str,
    /// The argument or setter name in the typed client, e.g. `order_id` or `self_`.
    pub rust_name: &'static str,
    /// True when the docstring says the param is required; a param it says nothing about
    /// either way is taken as optional.
    pub required: bool,
    /// The documented default, as text.
    pub default: Option<&'static str>,
    /// The type of the param's value.
    pub ty: TypeSpec,
    /// The type exactly as documented.
    pub python_type: Option<&'static str>,
    /// What the docstring says of the param.
    pub doc: Option<&'static str>,
}

/// One documented exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RaiseSpec {
    /// The exception class, e.g. `ValidationError`, when named: the error's `data.type`.
    pub kind: Option<&'static str>,
    /// When it is raised, as documented.
    pub doc: Option<&'static str>,
}

/// The type of a JSON value, as the maps and `overrides.toml` describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TypeSpec {
    /// A JSON string (Python `str`; also dates and date-times, sent as ISO 8601 text).
    String,
    /// A JSON integer.
    Integer,
    /// A JSON number (Python `float`; also `Decimal`, which the server sends as a number).
    Number,
    /// `true` or `false`.
    Boolean,
    /// `null` (Python `None`).
    Null,
    /// An array of values of one type.
    List(&'static TypeSpec),
    /// An object whose values have one type (its keys are strings, as in every JSON object).
    Map(&'static TypeSpec),
    /// One of these strings (Python `Literal[...]`).
    Enum(&'static [&'static str]),
    /// A value of any of these types; `Optional[T]` is the union of `T` and [`TypeSpec::Null`].
    Union(&'static [TypeSpec]),
    /// An object with known keys, declared in `overrides.toml`.
    Record(&'static RecordSpec),
    /// Any JSON value: the type is undocumented or has no closer description.
    Any,
}

impl TypeSpec {
    /// The type besides `null` of a nullable type (`Optional[T]` gives `T`), or `None` when
    /// the type is not a union of one type and `null`.
    pub fn non_null(&self) -> Option<&'static TypeSpec> {
        match *self {
            TypeSpec::Union([TypeSpec::Null, t] | [t, TypeSpec::Null]) => Some(t),
            _ => None,
        }
    }
}

/// An object with known keys, declared in `overrides.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordSpec {
    /// The record's name, e.g. `StatusChange`; also its Rust type's name.
    pub name: &'static str,
    /// The declared keys, in declared order; the server may send others.
    pub fields: &'static [FieldSpec],
}

/// One declared key of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldSpec {
    /// The key in the JSON object.
    pub name: &'static str,
    /// True when the key is always present.
    pub required: bool,
    /// The type of the key's value.
    pub ty: TypeSpec,
    /// The type as `overrides.toml` writes it.
    pub python_type: &'static str,
    /// What `overrides.toml` says of the key.
    pub doc: Option<&'static str>,
}
