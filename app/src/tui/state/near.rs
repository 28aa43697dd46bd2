//! Near-identical notes follow the user's reclassification, as in `classify`: the core's groups
//! (`classify::NearDuplicates`) mapped to the app's rows, and which rows follow whom under the
//! current overrides (`classify::follow_in_group`). Pure; a change of overrides recomputes only
//! the groups of the keys it touched.

use std::collections::HashMap;

use invitriage::classify::{NearDuplicates, follow_in_group};
use invitriage::model::{Class, Classification, Export, Overrides};

/// What the app's state is built from: the classifier's verdicts (the user's overrides not
/// applied, in export order) and the export's near-identical notes. A bare list of verdicts
/// has no groups: nothing follows the user then.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classified {
    pub classes: Vec<Classification>,
    pub near: NearDuplicates,
}

impl From<Vec<Classification>> for Classified {
    fn from(classes: Vec<Classification>) -> Classified {
        Classified {
            classes,
            near: NearDuplicates::default(),
        }
    }
}

impl From<(Vec<Classification>, NearDuplicates)> for Classified {
    fn from((classes, near): (Vec<Classification>, NearDuplicates)) -> Classified {
        Classified { classes, near }
    }
}

/// One invitation of a group: the export's, whether or not the app lists it.
#[derive(Debug, Clone)]
struct Member {
    key: String,
    name: String,
    row: Option<usize>,
}

/// Who follows whom.
#[derive(Debug, Clone, Default)]
pub(super) struct Near {
    /// Members of each group, in export order.
    groups: Vec<Vec<Member>>,
    group_of_row: HashMap<usize, usize>,
    groups_of_key: HashMap<String, Vec<usize>>,
    /// Rows that follow a reclassified member: the class, the group and the leader's position.
    follow: HashMap<usize, (Class, usize, usize)>,
}

impl Near {
    /// The groups of `near` over `export`, before its invitations become rows; [`Near::place`]
    /// then tells where each member landed.
    pub(super) fn new(
        export: &Export,
        near: &NearDuplicates,
    ) -> (Near, HashMap<usize, (usize, usize)>) {
        let invs = &export.invitations;
        let mut slot = HashMap::new();
        let mut groups_of_key: HashMap<String, Vec<usize>> = HashMap::new();
        let groups: Vec<Vec<Member>> = near
            .groups()
            .iter()
            .filter(|m| m.iter().all(|&i| i < invs.len()))
            .enumerate()
            .map(|(g, members)| {
                members
                    .iter()
                    .enumerate()
                    .map(|(p, &i)| {
                        slot.insert(i, (g, p));
                        let key = invs.at(i).key();
                        let of_key = groups_of_key.entry(key.clone()).or_default();
                        if of_key.last() != Some(&g) {
                            of_key.push(g);
                        }
                        Member {
                            key,
                            name: invs.at(i).counterpart_name().to_string(),
                            row: None,
                        }
                    })
                    .collect()
            })
            .collect();
        let near = Near {
            groups,
            groups_of_key,
            ..Near::default()
        };
        (near, slot)
    }

    /// Member `(group, position)` is listed as `row`.
    pub(super) fn place(&mut self, (g, p): (usize, usize), row: usize) {
        self.groups[g][p].row = Some(row);
        self.group_of_row.insert(row, g);
    }

    /// Recompute every group (at load).
    pub(super) fn follow_all(&mut self, overrides: &Overrides) {
        for g in 0..self.groups.len() {
            self.follow_group(g, overrides);
        }
    }

    /// The overrides of `keys` changed: recompute their groups only.
    pub(super) fn follow_keys<'a>(
        &mut self,
        keys: impl IntoIterator<Item = &'a str>,
        overrides: &Overrides,
    ) {
        let mut groups: Vec<usize> = keys
            .into_iter()
            .flat_map(|k| self.groups_of_key.get(k).into_iter().flatten().copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            self.follow_group(g, overrides);
        }
    }

    fn follow_group(&mut self, g: usize, overrides: &Overrides) {
        let members = &self.groups[g];
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        for (m, follow) in members.iter().zip(follow_in_group(&keys, overrides)) {
            let Some(row) = m.row else { continue };
            match follow {
                Some((class, leader)) => self.follow.insert(row, (class, g, leader)),
                None => self.follow.remove(&row),
            };
        }
    }

    /// The class `row` follows and whom it follows (the name of the reclassified note's
    /// sender or recipient).
    pub(super) fn followed(&self, row: usize) -> Option<(Class, &str)> {
        let &(class, g, leader) = self.follow.get(&row)?;
        Some((class, self.groups[g][leader].name.as_str()))
    }

    /// Every row following a reclassified member, with its class.
    pub(super) fn followers(&self) -> impl Iterator<Item = (usize, Class)> + '_ {
        self.follow
            .iter()
            .map(|(&row, &(class, _, _))| (row, class))
    }

    /// The other listed rows with a note near-identical to `row`'s.
    pub(super) fn others(&self, row: usize) -> Vec<usize> {
        let Some(&g) = self.group_of_row.get(&row) else {
            return Vec::new();
        };
        self.groups[g]
            .iter()
            .filter_map(|m| m.row)
            .filter(|&r| r != row)
            .collect()
    }
}
