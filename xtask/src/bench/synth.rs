//! A synthetic API for the benchmarks: map pages in the json-rpc renderer's exact format, with
//! docstrings in all four styles, written into a scratch workspace `cargo xtask` can run in.
//!
//! The pages are a pure function of the node and method counts (a fixed-seed generator picks
//! styles, params and types), so every run and every machine benchmarks the same bytes.

use anyhow::Context;
use std::fmt::Write as _;
use std::path::Path;

/// The shape of a synthetic API.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub nodes: usize,
    pub methods: usize,
}

impl Shape {
    /// About `total` methods, 100 per node (the last node is not short: rounded up).
    pub fn of_total(total: usize) -> Shape {
        Shape {
            nodes: total.div_ceil(100).max(1),
            methods: total.clamp(1, 100),
        }
    }

    pub fn total(self) -> usize {
        self.nodes * self.methods
    }
}

/// Xorshift: a deterministic, dependency-free stream of choices.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VERBS: &[&str] = &[
    "get", "list", "create", "update", "delete", "set", "find", "count", "export", "sync",
];
const NOUNS: &[&str] = &[
    "order", "client", "product", "segment", "report", "campaign", "coupon", "event", "shop",
    "basket",
];
const PARAMS: &[&str] = &[
    "order_id",
    "client_id",
    "shop_id",
    "status",
    "limit",
    "offset",
    "date_from",
    "date_to",
    "email",
    "phone",
    "tags",
    "comment",
    "fields",
    "page",
    "sort",
    "currency",
    "amount",
    "segment",
    "channel",
    "dry_run",
];
/// Type texts as docstrings write them.
const TYPES: &[&str] = &[
    "str",
    "int",
    "bool",
    "float",
    "list[str]",
    "dict",
    "List[int]",
    "Optional[int]",
    "Dict[str, Any]",
    "datetime.date",
    "Literal['paid', 'submitted']",
    "str or None",
];
const PROSE: &[&str] = &[
    "The order's id in the shop, e.g. ``f168148717``.",
    "How many items to return; the server caps it at 1000.",
    "Only records changed after this moment are included.",
    "Идентификатор клиента в системе LeadHit.",
    "A free-text note kept with the record and shown to managers.",
    "Статус заказа: оплачен или оформлен.",
    "Where the result is sent once the export is ready.",
    "When true, nothing is changed and the would-be result is returned.",
];
const SUMMARIES: &[&str] = &[
    "Return the requested records of the shop.",
    "Change the record and return its new state.",
    "Count what matches the given filters.",
    "Получить данные по магазину за период.",
    "Start an export; the file is mailed when it is ready.",
];
const DESCRIPTIONS: &[&str] = &[
    "The call is idempotent: repeating it with the same arguments changes nothing further.\n\
     Records are returned oldest first.",
    "Results are cached for a minute, so a change may take that long to show.",
    "Метод доступен только для магазинов с активной подпиской.\nДанные обновляются раз в час.",
];

struct SynthParam {
    name: &'static str,
    ty: &'static str,
    optional: bool,
    default: Option<&'static str>,
    doc: &'static str,
}

/// One node's page, byte for byte as the json-rpc map view renders it.
pub fn page(node: usize, methods: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (node as u64 + 1).wrapping_mul(0x2545_f491));
    let mut out = String::with_capacity(methods * 700 + 64);
    out.push_str("<h1>JSON-RPC map</h1><pre>");
    for m in 0..methods {
        if m > 0 {
            out.push_str("\n\n");
        }
        let name = format!("{}_{}_{m}", rng.pick(VERBS), rng.pick(NOUNS));
        let _ = write!(out, "{name}: ");
        out.push_str(&docstring(&mut rng, m));
    }
    out.push_str("</pre>");
    out
}

fn docstring(rng: &mut Rng, m: usize) -> String {
    let count = 1 + rng.below(6);
    let mut params: Vec<SynthParam> = Vec::with_capacity(count);
    while params.len() < count {
        let name = rng.pick(PARAMS);
        if params.iter().any(|p| p.name == name) {
            continue;
        }
        let optional = !params.is_empty() && rng.below(3) == 0;
        params.push(SynthParam {
            name,
            ty: rng.pick(TYPES),
            optional,
            default: optional.then(|| rng.pick(&["10", "None", "True", "'month'"])),
            doc: rng.pick(PROSE),
        });
    }
    let summary = rng.pick(SUMMARIES);
    let description = (rng.below(2) == 0).then(|| rng.pick(DESCRIPTIONS));
    let returns = (rng.pick(TYPES), rng.pick(PROSE));
    let raises = (rng.below(3) == 0).then_some("ValidationError");
    let mut doc = format!("{summary}\n\n");
    let indent = |doc: &mut String, text: &str, by: &str| {
        for line in text.lines() {
            let _ = writeln!(doc, "{by}{line}");
        }
    };
    if let Some(d) = description {
        indent(&mut doc, d, "    ");
        doc.push('\n');
    }
    match m % 4 {
        0 => {
            for p in &params {
                let _ = writeln!(doc, "    :param {}: {}", p.name, p.doc);
                let opt = if p.optional { ", optional" } else { "" };
                let _ = writeln!(doc, "    :type {}: {}{opt}", p.name, p.ty);
            }
            if let Some(r) = raises {
                let _ = writeln!(doc, "    :raises {r}: If an argument is not allowed.");
            }
            let _ = writeln!(doc, "    :returns: {}", returns.1);
            let _ = writeln!(doc, "    :rtype: {}", returns.0);
        }
        1 => {
            doc.push_str("    Args:\n");
            for p in &params {
                let opt = if p.optional { ", optional" } else { "" };
                let default = p
                    .default
                    .map(|d| format!(" Defaults to {d}."))
                    .unwrap_or_default();
                let _ = writeln!(
                    doc,
                    "        {} ({}{opt}): {}{default}",
                    p.name, p.ty, p.doc
                );
            }
            let _ = write!(
                doc,
                "\n    Returns:\n        {}: {}\n",
                returns.0, returns.1
            );
            if let Some(r) = raises {
                let _ = write!(
                    doc,
                    "\n    Raises:\n        {r}: If an argument is not allowed.\n"
                );
            }
        }
        2 => {
            doc.push_str("    Parameters\n    ----------\n");
            for p in &params {
                let opt = if p.optional { ", optional" } else { "" };
                let _ = writeln!(doc, "    {} : {}{opt}", p.name, p.ty);
                let _ = writeln!(doc, "        {}", p.doc);
            }
            let _ = write!(
                doc,
                "\n    Returns\n    -------\n    {}\n        {}\n",
                returns.0, returns.1
            );
            if let Some(r) = raises {
                let _ = write!(
                    doc,
                    "\n    Raises\n    ------\n    {r}\n        If an argument is not allowed.\n"
                );
            }
        }
        _ => {
            for p in &params {
                let _ = writeln!(doc, "    @param {}: {}", p.name, p.doc);
                let _ = writeln!(doc, "    @type {}: {}", p.name, p.ty);
            }
            if let Some(r) = raises {
                let _ = writeln!(doc, "    @raise {r}: If an argument is not allowed.");
            }
            let _ = writeln!(doc, "    @return: {}", returns.1);
            let _ = writeln!(doc, "    @rtype: {}", returns.0);
        }
    }
    // Python 3.12 and older keep the closing quotes' indentation.
    doc.push_str("    ");
    doc
}

/// The node names of a shape, in the order their pages sort.
pub fn node_name(node: usize) -> String {
    format!("node_{node:04}")
}

/// Writes `maps-cache/` for `shape` into `root`, replacing any pages already there.
pub fn write_cache(root: &Path, shape: Shape) -> anyhow::Result<()> {
    let cache = root.join("maps-cache");
    if cache.exists() {
        std::fs::remove_dir_all(&cache).with_context(|| format!("clearing {}", cache.display()))?;
    }
    std::fs::create_dir_all(&cache)?;
    for node in 0..shape.nodes {
        let path = cache.join(format!("{}.html", node_name(node)));
        std::fs::write(&path, page(node, shape.methods))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// Copies the folder `from` into `to`, leaving out the entries of `from` named in `skip`.
fn copy_tree(from: &Path, to: &Path, skip: &[&str]) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if skip.iter().any(|s| entry.file_name() == *s) {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target, &[])?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Makes `root` a workspace whose only member is a copy of `leadhit-generated` (its runtime,
/// with an empty generated folder), so that `cargo xtask codegen` can write into it and
/// `cargo build -p leadhit` can build the result. `Cargo.lock` is copied so dependency
/// versions match the real workspace.
pub fn write_workspace(real_root: &Path, root: &Path) -> anyhow::Result<()> {
    let crate_dir = root.join("leadhit-generated");
    std::fs::create_dir_all(crate_dir.join("src/generated"))?;
    let from = real_root.join("leadhit-generated");
    std::fs::copy(from.join("Cargo.toml"), crate_dir.join("Cargo.toml"))?;
    // The runtime's modules, folders included (`spec/`, `cli/`), but not the generated ones
    // (the bench writes its own); and the example, which the manifest names.
    copy_tree(&from.join("src"), &crate_dir.join("src"), &["generated"])?;
    copy_tree(&from.join("examples"), &crate_dir.join("examples"), &[])?;
    // The real workspace manifest with only its member list changed, so the profiles (and
    // hence build times) are the real ones.
    let manifest = std::fs::read_to_string(real_root.join("Cargo.toml"))?;
    let members = manifest
        .lines()
        .find(|line| line.trim_start().starts_with("members"))
        .context("the workspace manifest has no `members` line")?;
    std::fs::write(
        root.join("Cargo.toml"),
        manifest.replace(members, "members = [\"leadhit-generated\"]"),
    )?;
    std::fs::copy(real_root.join("Cargo.lock"), root.join("Cargo.lock"))?;
    Ok(())
}
