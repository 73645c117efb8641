//! Merging a page's fields into the spec's, attribute by attribute: type, required-ness, the
//! constraints and the descriptions, each decided by the page's [`Precedence`].

use crate::model::{Field, Location};

use super::{is_zh, refs, replace_name, wrapper, ChangeKind, Merger, Precedence};

/// A field of the spec and the page's field of the same name and location, being merged at `at`.
struct Pair<'f> {
    at: &'f str,
    base: &'f Field,
    page: &'f Field,
    prec: Precedence,
}

impl Merger<'_> {
    /// Merges the page's fields into the spec's (`path` names where they stand, for changes).
    pub(super) fn fields(
        &mut self,
        path: &str,
        base: &[Field],
        page: &[Field],
        prec: Precedence,
    ) -> Vec<Field> {
        let mut out = Vec::new();
        for bf in base {
            let at = format!("{path}.{}", bf.name);
            match page
                .iter()
                .find(|p| p.name == bf.name && p.location == bf.location)
            {
                Some(pf) => out.push(self.field(&at, bf, pf, prec)),
                None if prec == Precedence::PageWins => {
                    self.change(
                        &at,
                        ChangeKind::FieldRemoved,
                        Some(bf.ty.clone()),
                        None,
                        Some(&bf.source),
                        None,
                    );
                }
                None => out.push(bf.clone()),
            }
        }
        for pf in page {
            if base
                .iter()
                .any(|b| b.name == pf.name && b.location == pf.location)
            {
                continue;
            }
            let at = format!("{path}.{}", pf.name);
            if prec == Precedence::FillOnly {
                // A field is structure: an undated or older page does not add it.
                self.change(
                    &at,
                    ChangeKind::Disagreement("field only on the page".into()),
                    None,
                    Some(pf.ty.clone()),
                    None,
                    Some(&pf.source),
                );
                continue;
            }
            let f = self.import_field(pf);
            self.change(
                &at,
                ChangeKind::FieldAdded,
                None,
                Some(f.ty.clone()),
                None,
                Some(&pf.source),
            );
            out.push(f);
        }
        out
    }

    fn field(&mut self, at: &str, bf: &Field, pf: &Field, prec: Precedence) -> Field {
        let pair = Pair {
            at,
            base: bf,
            page: pf,
            prec,
        };
        let mut f = bf.clone();
        f.ty = self.merged_type(&pair);
        f.required = self.merged_required(&pair);
        self.merge_constraints(&pair, &mut f);
        merge_descriptions(&pair, is_zh(self.page_source), &mut f);
        if prec == Precedence::PageWins {
            f.source = pf.source.clone();
        }
        f
    }

    /// The same wrapper around paired schemas merges the schemas; another type is structure.
    fn merged_type(&mut self, p: &Pair) -> String {
        let (bf, pf) = (p.base, p.page);
        match (refs(&bf.ty), refs(&pf.ty)) {
            (Some(bn), Some(pn)) if wrapper(&bf.ty) == wrapper(&pf.ty) => {
                let name = self.schema(&bn, &pn, p.prec);
                replace_name(&bf.ty, &bn, &name)
            }
            _ if bf.ty == pf.ty => bf.ty.clone(),
            _ => {
                let page_ty = self
                    .import_field(&Field {
                        description: String::new(),
                        ..pf.clone()
                    })
                    .ty;
                let take = p.prec == Precedence::PageWins;
                let before = Some(bf.ty.clone());
                if self.settle(p, "type", take, before, Some(page_ty.clone())) {
                    page_ty
                } else {
                    bf.ty.clone()
                }
            }
        }
    }

    /// Required-ness: only where the page states it; path parameters always.
    fn merged_required(&mut self, p: &Pair) -> bool {
        let (bf, pf) = (p.base, p.page);
        let path_param = bf.location == Some(Location::Path);
        let stated = !self.unknown_required.contains(&pf.source) && !path_param;
        let mut required = bf.required;
        if stated && pf.required != bf.required {
            let take = p.prec == Precedence::PageWins;
            let (before, after) = (bf.required.to_string(), pf.required.to_string());
            if self.settle(p, "required", take, Some(before), Some(after)) {
                required = pf.required;
            }
        }
        required || path_param
    }

    /// Constraints: a page that does not state one leaves it; a stated one fills or wins.
    fn merge_constraints(&mut self, p: &Pair, f: &mut Field) {
        let (bf, pf) = (p.base, p.page);
        let join = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
        if self.attribute(p, "enum", join(&bf.enum_values), join(&pf.enum_values)) {
            f.enum_values = pf.enum_values.clone();
        }
        if self.attribute(p, "default", bf.default.clone(), pf.default.clone()) {
            f.default = pf.default.clone();
        }
        let num = |v: Option<f64>| v.map(|x| x.to_string());
        if self.attribute(p, "minimum", num(bf.minimum), num(pf.minimum)) {
            f.minimum = pf.minimum;
        }
        if self.attribute(p, "maximum", num(bf.maximum), num(pf.maximum)) {
            f.maximum = pf.maximum;
        }
        let len = |v: Option<u64>| v.map(|x| x.to_string());
        if self.attribute(p, "min_length", len(bf.min_length), len(pf.min_length)) {
            f.min_length = pf.min_length;
        }
        if self.attribute(p, "max_length", len(bf.max_length), len(pf.max_length)) {
            f.max_length = pf.max_length;
        }
    }

    /// Whether the page's value of constraint `what` (as text) replaces the spec's: it does
    /// when the spec has none or the page wins.
    fn attribute(
        &mut self,
        p: &Pair,
        what: &'static str,
        base: Option<String>,
        page: Option<String>,
    ) -> bool {
        let Some(page) = page else { return false };
        if base.as_deref() == Some(page.as_str()) {
            return false;
        }
        let take = base.is_none() || p.prec == Precedence::PageWins;
        self.settle(p, what, take, base, Some(page))
    }

    /// Records that the page states `what` differently: as a change when `take`, else as a
    /// disagreement (the spec keeps its value). Returns `take`.
    fn settle(
        &mut self,
        p: &Pair,
        what: &'static str,
        take: bool,
        before: Option<String>,
        after: Option<String>,
    ) -> bool {
        let kind = match (take, what) {
            (false, _) => ChangeKind::Disagreement(what.into()),
            (true, "type") => ChangeKind::Retyped,
            (true, _) => ChangeKind::Attribute(what),
        };
        let sources = (Some(p.base.source.as_str()), Some(p.page.source.as_str()));
        self.change(p.at, kind, before, after, sources.0, sources.1);
        take
    }
}

/// Descriptions: both languages kept; the page's fills an empty one, or replaces it when newer.
fn merge_descriptions(p: &Pair, zh: bool, f: &mut Field) {
    let pf = p.page;
    if pf.description.is_empty() {
        return;
    }
    let wins = p.prec == Precedence::PageWins;
    if zh {
        if f.description_zh.is_none() || wins {
            f.description_zh = Some(pf.description.clone());
        }
    } else if f.description.is_empty() || wins {
        f.description = pf.description.clone();
    }
}
