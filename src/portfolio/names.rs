//! Each member's name in the portfolio, unique (docs/portfolio.md, "Names"):
//! the project's name; two projects of one name carry the shortest end of
//! their folder paths that tells them apart (`API (services/api)`, `API
//! (legacy/api)`); a member that gave no name is shown by its path.

use std::collections::HashMap;

use super::{Member, State};
use crate::view::text::clean;

/// The names of `members`, index-aligned, cleaned for display.
pub fn unique(members: &[Member]) -> Vec<String> {
    let base: Vec<String> = members.iter().map(name).collect();
    let paths: Vec<&str> = members.iter().map(|m| m.path.as_str()).collect();
    disambiguate(base, &paths)
}

/// [`unique`] from each member's name (cleaned; [`name`]) and path.
pub fn disambiguate(base: Vec<String>, paths: &[&str]) -> Vec<String> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in base.iter().enumerate() {
        by_name.entry(n.as_str()).or_default().push(i);
    }
    let mut out = base.clone();
    for same in by_name.values().filter(|same| same.len() > 1) {
        let folders: Vec<Vec<&str>> = same.iter().map(|&i| folder_parts(paths[i])).collect();
        let longest = folders.iter().map(Vec::len).max().unwrap_or(0);
        // The fewest trailing folders that tell every one apart.
        let tail = |parts: &[&str], n: usize| parts[parts.len().saturating_sub(n)..].join("/");
        let n = (1..=longest)
            .find(|&n| {
                let tails: Vec<String> = folders.iter().map(|p| tail(p, n)).collect();
                (1..tails.len()).all(|k| !tails[..k].contains(&tails[k]))
            })
            .unwrap_or(longest);
        for (&i, parts) in same.iter().zip(&folders) {
            let where_ = tail(parts, n);
            let where_ = if where_.is_empty() {
                clean(paths[i])
            } else {
                where_
            };
            out[i] = format!("{} ({where_})", base[i]);
        }
    }
    out
}

/// The project's name, or the member's path when it has none.
fn name(member: &Member) -> String {
    name_of(&member.path, &member.state)
}

/// The name of a member at `path` that gave `state`, cleaned.
pub fn name_of(path: &str, state: &State) -> String {
    match state {
        State::Computed(c) => clean(&c.snapshot.manifest.project.name),
        State::Report(r) => clean(&r.name),
        // Its folder (or a report's file name), as the project would be
        // known; the path stays in its row.
        State::Failed(_) => match folder_parts(path).last() {
            Some(last) => clean(last),
            None => clean(path),
        },
    }
}

/// The folders of a member's path, cleaned: `services/api/readiness.toml`
/// gives `["services", "api"]`; a JSON report keeps its file stem too.
fn folder_parts(path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if let Some(last) = parts.pop()
        && !last.eq_ignore_ascii_case(crate::manifest_file::DEFAULT_FILE)
    {
        parts.push(last.strip_suffix(".json").unwrap_or(last));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::FailureKind;

    fn failed(path: &str) -> Member {
        Member::failed(path, FailureKind::Missing, "")
    }

    #[test]
    fn duplicates_carry_the_shortest_folder_tail_that_tells_them_apart() {
        let parts = folder_parts("services/api/readiness.toml");
        assert_eq!(parts, ["services", "api"]);
        assert_eq!(folder_parts("ci/alpha.json"), ["ci", "alpha"]);
        // Failed members are named by their folder (or a report's stem).
        let names = unique(&[
            failed("a/x.json"),
            failed("b/x.json"),
            failed("c/readiness.toml"),
        ]);
        assert_eq!(names, ["x (a/x)", "x (b/x)", "c"]);
        let names = unique(&[
            failed("services/api/readiness.toml"),
            failed("legacy/api/readiness.toml"),
            failed("api/readiness.toml"),
        ]);
        assert_eq!(
            names,
            ["api (services/api)", "api (legacy/api)", "api (api)"]
        );
    }
}
