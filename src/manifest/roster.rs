//! Who does the work (docs/manifest.md, `[[person]]`): the named people — the
//! `[[person]]` entries, or without any, one person for each distinct
//! `owner` of an open task — with their focus and days away, the headcount
//! (`team.people`, raised to the named people), and each task's owner among
//! them.

use rustc_hash::FxHashMap;

use super::schema::{Away, Manifest, Status};

/// One named person.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: String,
    pub name: String,
    /// Days of estimate delivered per working day (their own, else `team.focus`).
    pub focus: f64,
    /// Days off, inclusive ranges (none for an owner not declared).
    pub away: Vec<Away>,
}

/// The people of a manifest and who owns which task.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// `[[person]]` entries in file order; else the owners of open tasks in
    /// id order (so that reordering the file changes nothing).
    pub members: Vec<Member>,
    /// Whether the members are declared `[[person]]` entries.
    pub declared: bool,
    /// Everyone who works: `team.people`, at least the members; the rest
    /// are anonymous workers at `team.focus`.
    pub headcount: u32,
    /// Per task (index-aligned with `Manifest::tasks`): its owner's index in
    /// `members`, when the owner is one (an undeclared owner of a done task
    /// is not).
    pub owner: Vec<Option<u32>>,
}

impl Roster {
    pub fn of(manifest: &Manifest) -> Roster {
        let focus = manifest.team.focus;
        let declared = !manifest.people.is_empty();
        let members: Vec<Member> = if declared {
            manifest
                .people
                .iter()
                .map(|p| Member {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    focus: p.focus.unwrap_or(focus),
                    away: p.away.clone(),
                })
                .collect()
        } else {
            let mut owners: Vec<&str> = manifest
                .tasks
                .iter()
                .filter(|t| !matches!(t.status, Status::Done | Status::Dropped))
                .filter_map(|t| t.owner.as_deref())
                .collect();
            owners.sort_unstable();
            owners.dedup();
            owners
                .into_iter()
                .map(|o| Member {
                    id: o.to_owned(),
                    name: o.to_owned(),
                    focus,
                    away: Vec::new(),
                })
                .collect()
        };
        let index: FxHashMap<&str, u32> = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), i as u32))
            .collect();
        let owner = manifest
            .tasks
            .iter()
            .map(|t| t.owner.as_deref().and_then(|o| index.get(o).copied()))
            .collect();
        let headcount = manifest.team.people.max(members.len() as u32);
        Roster {
            members,
            declared,
            headcount,
            owner,
        }
    }

    /// The member of this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.members.iter().position(|m| m.id == id)
    }

    /// Workers without a name: the headcount beyond the members.
    pub fn anonymous(&self) -> u32 {
        self.headcount - self.members.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::load;

    fn roster(text: &str) -> Roster {
        Roster::of(&load(text).expect("valid").manifest)
    }

    const TASKS: &str = "[[component]]\nid = \"c\"\n\
        [[task]]\nid = \"a\"\ntitle = \"a\"\ncomponent = \"c\"\nowner = \"zoe\"\n\
        [[task]]\nid = \"b\"\ntitle = \"b\"\ncomponent = \"c\"\nowner = \"amy\"\n\
        [[task]]\nid = \"c\"\ntitle = \"c\"\ncomponent = \"c\"\nstatus = \"done\"\nowner = \"old\"\n\
        [[task]]\nid = \"d\"\ntitle = \"d\"\ncomponent = \"c\"\n";

    #[test]
    fn owners_of_open_tasks_are_the_people_without_declarations() {
        let r = roster(&format!(
            "[project]\nname = \"x\"\n[team]\npeople = 3\nfocus = 0.5\n{TASKS}"
        ));
        let ids: Vec<&str> = r.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["amy", "zoe"]);
        assert!(!r.declared);
        assert_eq!(r.headcount, 3);
        assert_eq!(r.anonymous(), 1);
        assert_eq!(r.owner, vec![Some(1), Some(0), None, None]);
        assert!(r.members.iter().all(|m| m.focus == 0.5));
    }

    #[test]
    fn declared_people_keep_file_order_and_raise_the_headcount() {
        let r = roster(&format!(
            "[project]\nname = \"x\"\n[team]\nfocus = 0.8\n\
             [[person]]\nid = \"zoe\"\nfocus = 0.5\naway = [{{ from = 2026-12-01, to = 2026-12-02 }}]\n\
             [[person]]\nid = \"amy\"\nname = \"Amy A\"\n[[person]]\nid = \"old\"\n{TASKS}"
        ));
        let ids: Vec<&str> = r.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["zoe", "amy", "old"]);
        assert_eq!(r.headcount, 3);
        assert_eq!(r.anonymous(), 0);
        assert_eq!(r.owner, vec![Some(0), Some(1), Some(2), None]);
        assert_eq!((r.members[0].focus, r.members[1].focus), (0.5, 0.8));
        assert_eq!(r.members[1].name, "Amy A");
        assert_eq!(r.members[0].away.len(), 1);
    }
}
