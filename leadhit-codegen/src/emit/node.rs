//! One node → its module: the node handle, one method per map entry, optional-param setters
//! and `Literal` enums. Per-method code is kept thin: every method is a chain of runtime calls.

use super::docs::{code, inline};
use super::header;
use super::method_doc::{method_doc, setter_doc};
use super::syntax::{
    doc_attrs, documented, method_call, name_expr, named_type, outer_attrs, parse, path_type,
    str_expr, unit_type, word, Templates,
};
use super::types::{emit_enum, is_string, rust_type};
use crate::model::Param;
use crate::resolve::{
    EnumOf, LiteralEnum, Marker, Name, ResolvedMethod, ResolvedNode, ResolvedParam, RustType,
};
use proc_macro2::{Ident, Span};
use quote::quote;
use syn::{GenericArgument, Lifetime};

/// The module of one node, with `base_url` only used in docs.
pub fn emit_node(node: &ResolvedNode, base_url: &str) -> syn::File {
    let node_url = format!("{base_url}{}/", node.name);
    let templates = Templates::new();
    let mut methods = Vec::with_capacity(node.methods.len());
    let mut items = Vec::new();
    for method in &node.methods {
        let scope = MethodScope {
            t: &templates,
            node,
            method,
        };
        methods.push(syn::ImplItem::Fn(scope.method(&node_url)));
        items.extend(scope.marker_items());
        for e in &method.enums {
            items.extend(emit_enum(e, &scope.enum_owner(e)));
        }
    }
    let module_doc = doc_attrs(
        &format!(
            "{}\n\nMethods of the {} node ({}).",
            header(&format!("maps-cache/{}.html", node.name)),
            code(&node.name),
            code(&node_url),
        ),
        true,
    );
    let mut file_items = handle_items(node, &node_url, !methods.is_empty());
    let handle = node.handle.ident();
    let mut handle_impl: syn::ItemImpl = parse(quote!(impl<'a> #handle<'a> {}));
    handle_impl.items = methods;
    file_items.push(syn::Item::Impl(handle_impl));
    file_items.extend(items);
    syn::File {
        shebang: None,
        frontmatter: None,
        attrs: module_doc,
        items: file_items,
    }
}

/// The handle struct and, when the node has methods, the `NODE` constant they send.
fn handle_items(node: &ResolvedNode, node_url: &str, has_methods: bool) -> Vec<syn::Item> {
    let handle_doc = doc_attrs(
        &format!(
            "The {} node: JSON-RPC methods posted to {}.\n\nGet one with [`Client::{accessor}`](crate::Client::{accessor}).",
            code(&node.name),
            code(node_url),
            accessor = node.module.bare(),
        ),
        false,
    );
    let handle = node.handle.ident();
    // A node whose map lists no methods still gets its handle, so `client.<node>()` exists;
    // it just has nothing to read the client or the node name for.
    let unused = (!has_methods).then(|| quote!(#[allow(dead_code)]));
    let handle_struct: syn::ItemStruct = documented(
        handle_doc,
        quote! {
            #[derive(Debug, Clone, Copy)]
            pub struct #handle<'a> {
                #unused
                pub(crate) client: &'a crate::Client,
            }
        },
    );
    let mut items = vec![syn::Item::Struct(handle_struct)];
    if has_methods {
        let node_name = &node.name;
        let node_const: syn::ItemConst = documented(
            doc_attrs("The node's URL path segment, as sent to the server.", false),
            quote!(const NODE: &str = #node_name;),
        );
        items.push(syn::Item::Const(node_const));
    }
    items
}

/// What the parts of one method's code share while they are emitted.
struct MethodScope<'a> {
    t: &'a Templates,
    node: &'a ResolvedNode,
    method: &'a ResolvedMethod,
}

impl MethodScope<'_> {
    /// The method on the node handle: `self.client.__request(NODE, "wire").__arg(..)...`.
    fn method(&self, node_url: &str) -> syn::ImplItemFn {
        let m = self.method;
        let mut call = method_call(
            self.t.client(),
            "__request",
            vec![name_expr(word("NODE")), str_expr(&m.model.wire_name)],
        );
        let mut args = Vec::new();
        for (p, r) in m.params().filter(|(_, r)| r.setter.is_none()) {
            let (arg, ty, value) = self.argument(p, r);
            call = method_call(call, "__arg", vec![str_expr(&p.wire_name), value]);
            args.push((arg, ty));
        }
        let mut attrs = doc_attrs(&method_doc(self.node, m, node_url), false);
        if let Some(note) = &m.model.deprecated {
            let note = inline(note);
            attrs.extend(outer_attrs(quote!(#[deprecated(note = #note)])));
        }
        // `crate::Request<'a, Result, Marker>`
        let output = path_type(
            false,
            &["crate", "Request"],
            vec![
                GenericArgument::Lifetime(Lifetime::new("'a", Span::call_site())),
                GenericArgument::Type(rust_type(&m.returns)),
                GenericArgument::Type(self.marker_type()),
            ],
        );
        self.t.method(attrs, m.name.ident(), args, output, call)
    }

    fn marker_type(&self) -> syn::Type {
        match &self.method.marker {
            Marker::Setters(marker) => named_type(marker.ident()),
            Marker::RawParams => path_type(false, &["crate", "RawParams"], Vec::new()),
            Marker::Unit => unit_type(),
        }
    }

    /// The marker struct and the setters on requests it marks, when the method has optional
    /// params.
    fn marker_items(&self) -> Vec<syn::Item> {
        let Marker::Setters(marker) = &self.method.marker else {
            return Vec::new();
        };
        let setters = self
            .method
            .params()
            .filter_map(|(p, r)| Some(syn::ImplItem::Fn(self.setter(p, r, r.setter.as_ref()?))))
            .collect();
        let marker_doc = doc_attrs(
            &format!(
                "Marks the request returned by `{}::{}`: its optional params are setters on that request.",
                self.node.handle,
                self.method.name.bare()
            ),
            false,
        );
        let marker = marker.ident();
        // No derives: a marker is only ever a type argument, never a value, and deriving
        // `Debug`, `Clone` and `Copy` for thousands of them was a third of the generated
        // crate's compile time. Hidden, with its setters: the method's own doc lists them, and
        // thousands of markers would bury the `Request` page.
        let marker_struct: syn::ItemStruct = documented(
            marker_doc,
            quote! {
                #[doc(hidden)]
                pub struct #marker;
            },
        );
        let mut setters_impl: syn::ItemImpl = parse(quote! {
            #[doc(hidden)]
            impl<'a, T> crate::Request<'a, T, #marker> {}
        });
        setters_impl.items = setters;
        vec![
            syn::Item::Struct(marker_struct),
            syn::Item::Impl(setters_impl),
        ]
    }

    /// A param as a Rust argument: its name, its type, and the value handed to `__arg`. A
    /// string param is taken as `impl Into<String>` and converted; one of no known type (most
    /// often undocumented) as `impl Serialize`, so a `&str`, a number or a struct of the
    /// caller's can be passed as it is.
    fn argument(&self, p: &Param, r: &ResolvedParam) -> (Ident, syn::Type, syn::Expr) {
        let arg = r.name.ident();
        if is_string(&p.ty) {
            let value = method_call(name_expr(arg.clone()), "into", Vec::new());
            (arg, self.t.into_string.clone(), value)
        } else if r.ty == RustType::Json {
            (arg.clone(), self.t.serialize.clone(), name_expr(arg))
        } else {
            (arg.clone(), rust_type(&r.ty), name_expr(arg))
        }
    }

    /// Whose values an enum of this method holds, for its doc, linking the method.
    fn enum_owner(&self, e: &LiteralEnum) -> String {
        let wire = code(&format!(
            "{}.{}",
            self.node.name, self.method.model.wire_name
        ));
        let method = match self.method.name.as_str().starts_with("r#") {
            // A raw identifier is no intra-doc link path.
            true => wire,
            false => format!("[{wire}]({}::{})", self.node.handle, self.method.name),
        };
        match &e.of {
            EnumOf::Param { name } => format!("{} of {method}", code(name)),
            EnumOf::Result => format!("the result of {method}"),
            EnumOf::Field { record, field } => {
                format!("the field {} of record {}", code(field), code(record))
            }
        }
    }

    fn setter(&self, p: &Param, r: &ResolvedParam, setter: &Name) -> syn::ImplItemFn {
        let (arg, ty, value) = self.argument(p, r);
        // `self.__arg("param", param)`
        let body = method_call(
            name_expr(word("self")),
            "__arg",
            vec![str_expr(&p.wire_name), value],
        );
        self.t.setter(
            doc_attrs(&setter_doc(p, r), false),
            setter.ident(),
            (arg, ty),
            body,
        )
    }
}
