//! What the style parsers find, collected in one place and turned into a [`ParsedDoc`].
//!
//! Every style reports through the same calls (`param`, `param_type`, `returns`, …), so the
//! merging rules (`:type x:` joins `:param x:`, duplicates are problems, `*args` is not a
//! param) and the optionality rules live here once rather than in each style.

use super::optional::{doc_facts, type_facts};
use super::text::{excerpt, is_identifier, one_line, paragraphs, render, Piece};
use super::{DocParam, DocProblem, ParsedDoc};
use crate::model::{DocStyle, Optionality, Raise, Returns, Type};
use crate::type_text::parse_type;
use std::collections::HashMap;
use std::fmt;

/// How many problems one docstring reports in full.
const MAX_PROBLEMS: usize = 50;

/// How much a construct says about the docstring's style: a param/returns/raises field is
/// decisive, a notes section or deprecation directive only counts when nothing else does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Strong,
    Weak,
}

/// The styles that can be detected, in tie-breaking order.
const STYLES: [DocStyle; 4] = [
    DocStyle::Rest,
    DocStyle::Google,
    DocStyle::Numpy,
    DocStyle::Epytext,
];

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    count: usize,
    first_seen: usize,
}

#[derive(Debug, Default)]
struct Votes {
    strong: [Tally; 4],
    weak: [Tally; 4],
    cast: usize,
}

impl Votes {
    fn cast(&mut self, style: DocStyle, weight: Weight) {
        let Some(index) = STYLES.iter().position(|known| *known == style) else {
            return;
        };
        let tallies = match weight {
            Weight::Strong => &mut self.strong,
            Weight::Weak => &mut self.weak,
        };
        if tallies[index].count == 0 {
            tallies[index].first_seen = self.cast;
        }
        tallies[index].count += 1;
        self.cast += 1;
    }

    /// The style with the most decisive constructs (earliest on a tie), then the most weak ones.
    fn winner(&self) -> DocStyle {
        let best = |tallies: &[Tally; 4]| {
            (0..STYLES.len())
                .filter(|index| tallies[*index].count > 0)
                .max_by_key(|index| {
                    (
                        tallies[*index].count,
                        std::cmp::Reverse(tallies[*index].first_seen),
                    )
                })
                .map(|index| STYLES[index])
        };
        best(&self.strong)
            .or_else(|| best(&self.weak))
            .unwrap_or(DocStyle::Plain)
    }
}

#[derive(Debug)]
struct ParamAcc {
    name: String,
    raw_type: Option<String>,
    doc: Option<String>,
    /// Named by a `:param`/`Args` entry, not merely by a `:type` field.
    documented: bool,
}

impl ParamAcc {
    fn finish(self) -> DocParam {
        let (ty, type_optional, type_default) = match self.raw_type.as_deref() {
            Some(raw) => {
                let facts = type_facts(raw);
                (facts.ty, facts.optional, facts.default)
            }
            None => (Type::unknown(), false, None),
        };
        let doc_facts = self.doc.as_deref().map(doc_facts).unwrap_or_default();
        let default = type_default.or(doc_facts.default);
        let optional = if type_optional || doc_facts.optional || default.is_some() {
            Optionality::Optional
        } else if self.documented {
            Optionality::Required
        } else {
            Optionality::Unknown
        };
        DocParam {
            name: self.name,
            raw_type: self.raw_type,
            ty,
            optional,
            default,
            doc: self.doc,
        }
    }
}

/// The collector the style parsers write into.
#[derive(Debug, Default)]
pub(super) struct Acc<'a> {
    free: Vec<Piece<'a>>,
    /// Whether the first free paragraph came before any field (and so is the summary).
    summary_first: Option<bool>,
    fields_seen: bool,
    params: Vec<ParamAcc>,
    by_name: HashMap<String, usize>,
    documents_params: bool,
    extra_args: bool,
    returns_type: Option<String>,
    returns_doc: Option<String>,
    /// A reST/Epytext `:returns:` whose text may really be the type (`:returns: dict`).
    returns_doc_may_be_type: bool,
    raises: Vec<Raise>,
    deprecated: Option<String>,
    problems: Vec<DocProblem>,
    /// Problems past the cap: the line of the first and how many.
    more_problems: Option<(usize, usize)>,
    votes: Votes,
}

impl<'a> Acc<'a> {
    /// A collector with room for `lines` lines of free text.
    pub fn with_capacity(lines: usize) -> Self {
        Acc {
            free: Vec::with_capacity(lines),
            ..Acc::default()
        }
    }

    /// A line of free text (summary or description).
    pub fn free_line(&mut self, piece: Piece<'a>) {
        self.summary_first.get_or_insert(!self.fields_seen);
        self.free.push(piece);
    }

    /// Ends the current free-text paragraph.
    pub fn free_break(&mut self) {
        if self.free.last().is_some_and(|piece| !piece.text.is_empty()) {
            self.free.push(Piece::BREAK);
        }
    }

    pub fn vote(&mut self, style: DocStyle, weight: Weight) {
        if weight == Weight::Strong {
            self.fields_seen = true;
        }
        self.votes.cast(style, weight);
    }

    /// Records a problem. Past [`MAX_PROBLEMS`] problems are only counted, so a hostile
    /// docstring repeating one mistake a million times costs no million messages.
    pub fn problem(&mut self, line: usize, message: fmt::Arguments<'_>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(DocProblem {
                line,
                message: message.to_string(),
            });
        } else {
            self.more_problems.get_or_insert((line, 0)).1 += 1;
        }
    }

    /// Records that the docstring documents its params, even if it lists none
    /// (`Args: None`).
    pub fn documents_params(&mut self) {
        self.documents_params = true;
    }

    /// A documented param (`:param x:`, `x (int): …`, `x : int`). `*args`/`**kwargs` only set
    /// `extra_args`.
    pub fn param(
        &mut self,
        line: usize,
        name: &str,
        raw_type: Option<String>,
        doc: Option<String>,
    ) {
        let Some(name) = self.param_name(line, name) else {
            return;
        };
        let index = self.param_index(name);
        if self.params[index].documented {
            let name = self.params[index].name.clone();
            self.problem(
                line,
                format_args!("param `{}` is documented more than once", excerpt(&name)),
            );
            return;
        }
        let param = &mut self.params[index];
        param.documented = true;
        param.doc = doc;
        if let Some(raw) = raw_type {
            self.set_param_type(line, index, raw);
        }
    }

    /// A type for a param documented elsewhere (`:type x: int`), creating the param if the
    /// `:param` comes later or never.
    pub fn param_type(&mut self, line: usize, name: &str, raw_type: String) {
        if let Some(name) = self.param_name(line, name) {
            let index = self.param_index(name);
            self.set_param_type(line, index, raw_type);
        }
    }

    fn set_param_type(&mut self, line: usize, index: usize, raw: String) {
        let param = &mut self.params[index];
        match &param.raw_type {
            None => param.raw_type = Some(raw),
            Some(existing) if *existing == raw => {}
            Some(_) => {
                let name = param.name.clone();
                self.problem(
                    line,
                    format_args!(
                        "the type of param `{}` is documented more than once",
                        excerpt(&name)
                    ),
                );
            }
        }
    }

    /// Cleans a documented name (`\*\*kwargs` is reST escaping); `None` when it is `*args`-like
    /// or not a name at all (reported).
    fn param_name(&mut self, line: usize, raw: &str) -> Option<String> {
        let name = raw.trim().replace('\\', "");
        let bare = name.trim_start_matches('*');
        if bare.len() != name.len() && (bare.is_empty() || is_identifier(bare)) {
            self.documents_params = true;
            self.extra_args = true;
            return None;
        }
        if !is_identifier(&name) {
            self.problem(line, format_args!("`{}` is not a param name", excerpt(raw)));
            return None;
        }
        self.documents_params = true;
        Some(name)
    }

    fn param_index(&mut self, name: String) -> usize {
        self.fields_seen = true;
        if let Some(index) = self.by_name.get(&name) {
            return *index;
        }
        self.by_name.insert(name.clone(), self.params.len());
        self.params.push(ParamAcc {
            name,
            raw_type: None,
            doc: None,
            documented: false,
        });
        self.params.len() - 1
    }

    /// The documented return value; either half may come separately (`:returns:`/`:rtype:`).
    pub fn returns(&mut self, line: usize, raw_type: Option<String>, doc: Option<String>) {
        self.fields_seen = true;
        let mut duplicates = Vec::new();
        for (slot, value, what) in [
            (&mut self.returns_type, raw_type, "return type"),
            (&mut self.returns_doc, doc, "return value"),
        ] {
            let Some(value) = value else { continue };
            if slot.is_some() {
                duplicates.push(what);
            } else {
                *slot = Some(value);
            }
        }
        for what in duplicates {
            self.problem(
                line,
                format_args!("the {what} is documented more than once"),
            );
        }
    }

    /// Marks a `:returns:` text as possibly being the type itself (`:returns: dict`).
    pub fn returns_doc_may_be_type(&mut self) {
        self.returns_doc_may_be_type = true;
    }

    pub fn raise(&mut self, kind: Option<String>, doc: Option<String>) {
        self.fields_seen = true;
        self.raises.push(Raise { kind, doc });
    }

    /// A deprecation note; the first one documented wins.
    pub fn deprecate(&mut self, note: Option<String>) {
        self.deprecated
            .get_or_insert_with(|| note.unwrap_or_else(|| "deprecated".to_owned()));
    }

    /// The parsed docstring; `first_line` is passed through from normalisation.
    pub fn finish(mut self, first_line: usize) -> ParsedDoc {
        if let Some((line, count)) = self.more_problems {
            let message = format!("{count} more problems (from this line on) not shown");
            self.problems.push(DocProblem { line, message });
        }
        let paragraphs = paragraphs(&self.free);
        let (summary, rest) = match paragraphs.split_first() {
            Some((first, rest)) if self.summary_first == Some(true) => {
                (Some(one_line(first)), rest)
            }
            _ => (None, paragraphs.as_slice()),
        };
        let description = Some(render(rest, 0)).filter(|text| !text.is_empty());
        let returns = finish_returns(
            self.returns_type,
            self.returns_doc,
            self.returns_doc_may_be_type,
        );
        ParsedDoc {
            style: self.votes.winner(),
            summary,
            description,
            params: self
                .documents_params
                .then(|| self.params.into_iter().map(ParamAcc::finish).collect()),
            extra_args: self.extra_args,
            returns,
            raises: self.raises,
            deprecated: self.deprecated,
            problems: self.problems,
            first_line,
        }
    }
}

fn finish_returns(
    raw_type: Option<String>,
    doc: Option<String>,
    doc_may_be_type: bool,
) -> Option<Returns> {
    let (raw_type, doc) = match (raw_type, doc) {
        (None, None) => return None,
        // `:returns: dict` with no `:rtype:`: a recognised type is more use as the type.
        (None, Some(doc))
            if doc_may_be_type
                && !doc.contains('\n')
                && !matches!(parse_type(&doc), Type::Json { .. }) =>
        {
            (Some(doc), None)
        }
        pair => pair,
    };
    let ty = raw_type.as_deref().map_or_else(Type::unknown, parse_type);
    Some(Returns { raw_type, ty, doc })
}
