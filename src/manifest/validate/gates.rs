//! Gate validation: one criterion per gate, its references resolved, its
//! bounds checked (docs/manifest.md, "Gate criteria" and "Validation").

use std::collections::HashSet;
use std::ops::Range;

use super::super::load::RawManifest;
use super::super::raw::{RawGate, S, Text};
use super::super::schema::*;
use super::{IdIndex, Validator, header_span};

impl Validator<'_, '_> {
    pub(super) fn gates(
        &mut self,
        raw: &RawManifest,
        component_ids: &IdIndex,
        task_ids: &IdIndex,
    ) -> Vec<Gate> {
        let mut out = Vec::with_capacity(raw.gates.len());
        let mut id_spans = Vec::with_capacity(raw.gates.len());
        for entry in &raw.gates {
            let span = entry.span();
            let g = entry.get_ref();
            let (id, id_span) = self.id(g.id.clone(), "gate", &span);
            let severity = match &g.severity {
                None => Some(Severity::Hard),
                Some(s) => self.keyword(s, "severity", &["hard", "soft"], |t| {
                    match t.to_ascii_lowercase().as_str() {
                        "hard" => Some(Severity::Hard),
                        "soft" => Some(Severity::Soft),
                        _ => None,
                    }
                }),
            };
            let criterion = self.criterion(g, &id, &span, raw, component_ids, task_ids);
            if let (Some(severity), Some(criterion)) = (severity, criterion) {
                out.push(Gate {
                    name: g
                        .name
                        .as_ref()
                        .map_or_else(|| id.clone(), |n| n.get_ref().clone()),
                    id,
                    severity,
                    criterion,
                    span,
                });
                id_spans.push(id_span);
            }
        }
        self.index_unique(&out, |g| &g.id, &id_spans, "gate");
        out
    }

    fn criterion(
        &mut self,
        g: &RawGate,
        id: &str,
        span: &Range<usize>,
        raw: &RawManifest,
        component_ids: &IdIndex,
        task_ids: &IdIndex,
    ) -> Option<Criterion> {
        let given: Vec<(&str, Range<usize>)> = [
            ("tasks", g.tasks.as_ref().map(|v| v.span())),
            ("priority", g.priority.as_ref().map(|v| v.span())),
            ("components", g.components.as_ref().map(|v| v.span())),
            ("metric", g.metric.as_ref().map(|v| v.span())),
            ("status", g.status.as_ref().map(|v| v.span())),
            ("junit", g.junit.as_ref().map(|v| v.span())),
            ("coverage", g.coverage.as_ref().map(|v| v.span())),
            ("command", g.command.as_ref().map(|v| v.span())),
        ]
        .into_iter()
        .filter_map(|(k, s)| Some((k, s?)))
        .collect();
        let mut given = given;
        given.sort_by_key(|(_, span)| span.start);
        if g.metric.is_none() {
            if let (Some(v), None) = (&g.min, &g.coverage) {
                self.error("`min` belongs to a `metric` or `coverage` gate", v.span());
            }
            if let Some(v) = &g.max {
                self.error("`max` belongs to a `metric` gate", v.span());
            }
        }
        self.stray_evidence_keys(g);
        if let (Some(expires), None) = (&g.expires, &g.status) {
            self.error(
                "`expires` belongs to a manual gate with `status`",
                expires.span(),
            );
        }
        match given.as_slice() {
            [] => {
                self.error(
                    format!("gate `{id}` has no criterion: give exactly one of `tasks`, `priority`, `components`, `metric`, `status`, `junit`, `coverage` or `command`"),
                    header_span(span),
                );
                return None;
            }
            [_] => {}
            [_, (second, second_span), ..] => {
                let keys: Vec<&str> = given.iter().map(|(k, _)| *k).collect();
                self.error(
                    format!(
                        "gate `{id}` has {} criteria ({}); a gate checks exactly one: split it into {} gates (second: `{second}`)",
                        keys.len(),
                        keys.join(", "),
                        keys.len()
                    ),
                    second_span.clone(),
                );
                return None;
            }
        }
        if let Some(list) = &g.tasks {
            let ids = self.resolve(id, "task", list, task_ids, &raw.unreadable_task_ids);
            return Some(Criterion::Tasks(ids));
        }
        if let Some(p) = &g.priority {
            return self
                .keyword(p, "priority", &Priority::NAMES, Priority::parse)
                .map(Criterion::Priority);
        }
        if let Some(list) = &g.components {
            let ids = self.resolve(
                id,
                "component",
                list,
                component_ids,
                &raw.unreadable_component_ids,
            );
            return Some(Criterion::Components(ids));
        }
        if let Some(metric) = &g.metric {
            for bound in [&g.min, &g.max].into_iter().flatten() {
                if !bound.get_ref().is_finite() {
                    self.error(
                        format!("gate `{id}`: `min`/`max` must be finite numbers"),
                        bound.span(),
                    );
                }
            }
            let min = g.min.as_ref().map(|m| *m.get_ref());
            let max = g.max.as_ref().map(|m| *m.get_ref());
            match (&g.min, &g.max) {
                (None, None) => self.error(
                    format!("metric gate `{id}` needs `min` and/or `max`"),
                    metric.span(),
                ),
                (Some(lo), Some(hi)) if lo.get_ref() > hi.get_ref() => self.error(
                    format!(
                        "metric gate `{id}` has `min` {} above `max` {}",
                        lo.get_ref(),
                        hi.get_ref()
                    ),
                    lo.span(),
                ),
                _ => {}
            }
            return Some(Criterion::Metric {
                name: metric.get_ref().clone(),
                min,
                max,
            });
        }
        if g.status.is_none() {
            return self.evidence_criterion(g, id);
        }
        let status_value = g.status.as_ref()?;
        let status = self.keyword(
            status_value,
            "gate status",
            &["pass", "fail", "pending"],
            |s| match s.to_ascii_lowercase().as_str() {
                "pass" => Some(ManualStatus::Pass),
                "fail" => Some(ManualStatus::Fail),
                "pending" => Some(ManualStatus::Pending),
                _ => None,
            },
        )?;
        let expires = match &g.expires {
            Some(e) => Some(self.date(e, "expires")?),
            None => None,
        };
        Some(Criterion::Manual { status, expires })
    }

    /// A gate's list of task or component ids as indices, reporting unknown
    /// ids (with a hint) and an empty list. Ids of unreadable entries were
    /// reported where they stand and are skipped here.
    fn resolve(
        &mut self,
        gate: &str,
        what: &'static str,
        list: &S<Vec<S<Text>>>,
        index: &IdIndex,
        unreadable: &HashSet<String>,
    ) -> Vec<usize> {
        let mut ids = Vec::with_capacity(list.get_ref().len());
        for name in list.get_ref() {
            match index.get(name.get_ref().as_str()) {
                Some(&i) => ids.push(i),
                None if unreadable.contains(name.get_ref().as_str()) => {}
                None => {
                    let hint = self.suggest(what, name.get_ref(), index);
                    self.error_help(
                        format!("gate `{gate}` names unknown {what} `{}`", name.get_ref()),
                        name.span(),
                        hint,
                    );
                }
            }
        }
        if list.get_ref().is_empty() {
            self.error(format!("gate `{gate}` lists no {what}s"), list.span());
        }
        ids
    }
}
