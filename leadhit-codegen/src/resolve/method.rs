//! The methods of one node: their names, params, setters, markers and enums, and the clashes
//! between them.

use super::name::{Name, REQUEST_METHODS};
use super::rust_type::{rust_type, EnumOf, LiteralEnum, RustType};
use super::{Marker, ResolvedMethod, ResolvedParam};
use crate::diagnostics::Diagnostic;
use crate::model::{Method, Optionality, Param};
use crate::names::{rust_ident, type_ident};
use crate::overrides::OVERRIDES_FILE;
use std::collections::BTreeMap;

/// A node's resolved methods, with the diagnostics to report in the node's turn and those
/// (clashes between generated types) reported after the node's own.
pub(super) struct NodeMethods {
    pub value: Vec<ResolvedMethod>,
    pub diagnostics: Vec<Diagnostic>,
    pub late: Vec<Diagnostic>,
}

/// Names what the methods of node `node`, whose handle type is `handle`, generate.
/// `records` names the struct of each record the types may use.
pub(super) fn resolve_methods(
    node: &str,
    handle: &Name,
    records: &BTreeMap<String, Name>,
    methods: Vec<Method>,
) -> NodeMethods {
    let mut out = NodeMethods {
        value: Vec::with_capacity(methods.len()),
        diagnostics: Vec::new(),
        late: Vec::new(),
    };
    // Rust name → (wire name, named by an override).
    let mut names: BTreeMap<Name, (String, bool)> = BTreeMap::new();
    // Generated type name → what it was made for.
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    types.insert(handle.to_string(), format!("the handle of node `{node}`"));
    for mut method in methods {
        let (wire, line) = (method.wire_name.clone(), method.line);
        let at = |d: Diagnostic| d.on_node(node).on_method(&wire).at_line(line);
        let (name, camel) = match method_names(&method) {
            Ok(names) => names,
            Err(e) => {
                // Not generated, so its docstring's problems are not the user's.
                out.diagnostics.push(at(Diagnostic::warning(format!(
                    "skipped: the name cannot become a Rust identifier ({e}); call it with `Client::call` or name it in overrides.toml"
                ))));
                continue;
            }
        };
        out.diagnostics.append(&mut method.notes);
        let overridden = method.rust_name.is_some();
        let mut scope = MethodScope {
            camel,
            records,
            problems: Vec::new(),
        };
        let resolved = scope.resolve(method, name);
        out.diagnostics.extend(scope.problems.into_iter().map(at));
        if let Some((other, other_overridden)) = names.get(&resolved.name) {
            let message = if overridden || *other_overridden {
                format!(
                    "methods `{other}` and `{wire}` both have the Rust name `{}` once {OVERRIDES_FILE} is applied; \
                     give one another `rust_name`",
                    resolved.name
                )
            } else {
                format!(
                    "methods `{other}` and `{wire}` both map to the Rust name `{}`; rename one with an override",
                    resolved.name
                )
            };
            out.diagnostics.push(at(Diagnostic::error(message)));
            continue;
        }
        if let Some(clash) = type_clash(&mut types, &resolved) {
            out.late.push(at(Diagnostic::error(clash)));
            continue;
        }
        names.insert(resolved.name.clone(), (wire.clone(), overridden));
        out.value.push(resolved);
    }
    out
}

/// The method's Rust name (from an override or its wire name) and its UpperCamelCase form,
/// which its marker and enums are named from.
fn method_names(method: &Method) -> Result<(Name, Name), String> {
    let name = match &method.rust_name {
        Some(name) => name.clone(),
        None => rust_ident(&method.wire_name).map_err(|e| e.to_string())?,
    };
    let camel = type_ident(&name).map_err(|e| e.to_string())?;
    Name::new(&name)
        .zip(Name::new(&camel))
        .ok_or_else(|| format!("`{name}` is not an identifier"))
}

/// Registers the types a method generates; the message of the last clash, if any (the names
/// are registered either way, as the method would have made them).
fn type_clash(types: &mut BTreeMap<String, String>, m: &ResolvedMethod) -> Option<String> {
    let marker = match &m.marker {
        Marker::Setters(marker) => Some(marker),
        _ => None,
    };
    let mut clash = None;
    for name in marker.into_iter().chain(m.enums.iter().map(|e| &e.name)) {
        let owner = format!("method `{}`", m.model.wire_name);
        if let Some(other) = types.insert(name.to_string(), owner) {
            clash = Some(format!(
                "the generated type `{name}` clashes with one made for {other}; rename a method with an override"
            ));
        }
    }
    clash
}

/// A param with its argument name and, for one the caller may leave out, its setter.
struct Named {
    param: Param,
    name: Name,
    setter: Option<Name>,
}

/// What resolving one method's params and types shares.
struct MethodScope<'a> {
    /// The method's UpperCamelCase name.
    camel: Name,
    records: &'a BTreeMap<String, Name>,
    /// Problems found on the way (located by the caller).
    problems: Vec<Diagnostic>,
}

impl MethodScope<'_> {
    /// The method resolved under `name`. Params whose names cannot be Rust, or clash, are left
    /// out of it (and of its model), with a diagnostic.
    fn resolve(&mut self, mut method: Method, name: Name) -> ResolvedMethod {
        let mut enums = Vec::new();
        let returns = match &method.returns {
            Some(r) => {
                let hint = || format!("{}Output", self.camel);
                rust_type(&r.ty, &|| EnumOf::Result, &hint, self.records, &mut enums)
            }
            None => RustType::Json,
        };
        let documented = method.params.is_some();
        let named = method.params.take().map(|params| self.name_params(params));
        let named = named.unwrap_or_default();
        let params = self.param_types(&named, &mut enums);
        let has_required = named.iter().any(|n| n.setter.is_none());
        let marker = if named.iter().any(|n| n.setter.is_some()) {
            Marker::Setters(self.camel.clone())
        } else if !documented || method.extra_args && !has_required {
            Marker::RawParams
        } else {
            Marker::Unit
        };
        method.params = documented.then(|| named.into_iter().map(|n| n.param).collect());
        ResolvedMethod {
            model: method,
            command: name.bare().replace('_', "-"),
            name,
            marker,
            params,
            returns,
            enums,
        }
    }

    /// Names the documented params, in documented order.
    fn name_params(&mut self, params: Vec<Param>) -> Vec<Named> {
        let mut named: Vec<Named> = Vec::with_capacity(params.len());
        let mut args: BTreeMap<Name, String> = BTreeMap::new();
        let mut setters: BTreeMap<Name, String> = BTreeMap::new();
        for param in params {
            let name = match rust_ident(&param.wire_name).map(|r| Name::new(&r)) {
                Ok(Some(name)) => name,
                Ok(None) => continue,
                Err(e) => {
                    self.problems.push(Diagnostic::warning(format!(
                        "param `{}` skipped: it cannot become a Rust identifier ({e})",
                        param.wire_name
                    )));
                    continue;
                }
            };
            if let Some(other) = args.insert(name.clone(), param.wire_name.clone()) {
                self.problems.push(Diagnostic::error(format!(
                    "params `{other}` and `{}` both map to the Rust name `{name}`",
                    param.wire_name
                )));
                continue;
            }
            let setter = setter_name(&param, &name);
            if let Some(setter) = &setter {
                if let Some(other) = setters.insert(setter.clone(), param.wire_name.clone()) {
                    self.problems.push(Diagnostic::error(format!(
                        "params `{other}` and `{}` both have the setter `{setter}`; rename one with an override",
                        param.wire_name
                    )));
                    continue;
                }
            }
            named.push(Named {
                param,
                name,
                setter,
            });
        }
        named
    }

    /// The params' types. Their enums are made in the order the method's code names them:
    /// required params first, then the setters'.
    fn param_types(&self, named: &[Named], enums: &mut Vec<LiteralEnum>) -> Vec<ResolvedParam> {
        let mut types: Vec<Option<RustType>> = vec![None; named.len()];
        let required = named.iter().enumerate().filter(|(_, n)| n.setter.is_none());
        let optional = named.iter().enumerate().filter(|(_, n)| n.setter.is_some());
        for (index, n) in required.chain(optional) {
            let hint = || {
                let param = type_ident(n.name.as_str()).unwrap_or_default();
                format!("{}{param}", self.camel)
            };
            let of = || EnumOf::Param {
                name: n.param.wire_name.clone(),
            };
            types[index] = Some(rust_type(&n.param.ty, &of, &hint, self.records, enums));
        }
        named
            .iter()
            .zip(types)
            .map(|(n, ty)| ResolvedParam {
                name: n.name.clone(),
                setter: n.setter.clone(),
                ty: ty.unwrap_or(RustType::Json),
            })
            .collect()
    }
}

/// The setter of a param the caller may leave out; `None` for a required one. A setter may
/// not shadow the runtime's own request methods (`send`, `params`, ...).
fn setter_name(p: &Param, name: &Name) -> Option<Name> {
    if p.optional == Optionality::Required {
        return None;
    }
    let bare = name.bare();
    if REQUEST_METHODS.contains(&bare) {
        Name::new(&format!("set_{bare}"))
    } else {
        Some(name.clone())
    }
}
