//! Dependency-graph checks on task indices: cycle detection that names the
//! cycle (`a -> b -> a`) and the edge that closes it.

/// A cycle found in `depends_on` edges: the task indices along it, first
/// repeated at the end, and the edge (task, position in its `depends_on`) that
/// closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub path: Vec<usize>,
    pub closing_task: usize,
    pub closing_edge: usize,
}

/// Every cycle closed by a back edge of an iterative depth-first search, in
/// manifest order, at most `limit` of them. Iterative so that a 100k-task chain
/// cannot overflow the stack.
pub fn find_cycles(depends_on: &[Vec<usize>], limit: usize) -> Vec<Cycle> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Finished,
    }
    let n = depends_on.len();
    let mut mark = vec![Mark::New; n];
    let mut position = vec![usize::MAX; n];
    let mut cycles = Vec::new();
    // (node, next edge to follow)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::OnStack;
        position[root] = 0;
        stack.push((root, 0));
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            if let Some(&next) = depends_on[node].get(*edge) {
                let this_edge = *edge;
                *edge += 1;
                match mark[next] {
                    Mark::New => {
                        mark[next] = Mark::OnStack;
                        position[next] = stack.len();
                        stack.push((next, 0));
                    }
                    Mark::OnStack if cycles.len() < limit => {
                        let mut path: Vec<usize> =
                            stack[position[next]..].iter().map(|&(t, _)| t).collect();
                        path.push(next);
                        cycles.push(Cycle {
                            path,
                            closing_task: node,
                            closing_edge: this_edge,
                        });
                    }
                    _ => {}
                }
            } else {
                mark[node] = Mark::Finished;
                stack.pop();
            }
        }
    }
    cycles
}

/// Who depends on whom, inverted: the dependents of every node in one flat
/// array (`targets[offsets[i]..offsets[i + 1]]`).
#[derive(Debug, Clone)]
pub struct Dependents {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Dependents {
    /// From each node's dependencies.
    pub fn new<'a>(n: usize, depends_on: impl Fn(usize) -> &'a [usize]) -> Self {
        let mut offsets = vec![0u32; n + 1];
        for i in 0..n {
            for &d in depends_on(i) {
                offsets[d + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; offsets[n] as usize];
        for i in 0..n {
            for &d in depends_on(i) {
                targets[fill[d] as usize] = i as u32;
                fill[d] += 1;
            }
        }
        Dependents { offsets, targets }
    }

    /// The nodes that depend on `i`.
    pub fn of(&self, i: usize) -> &[u32] {
        &self.targets[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Kahn's algorithm: the nodes ordered so that every node comes after all
    /// its dependencies, given how many dependencies each has. The graph must
    /// be acyclic.
    pub fn topological_order(&self, dependency_counts: &[u32]) -> Vec<u32> {
        let mut waiting = dependency_counts.to_vec();
        let mut order: Vec<u32> = (0..waiting.len() as u32)
            .filter(|&i| waiting[i as usize] == 0)
            .collect();
        let mut head = 0;
        while head < order.len() {
            let i = order[head] as usize;
            head += 1;
            for &j in self.of(i) {
                waiting[j as usize] -= 1;
                if waiting[j as usize] == 0 {
                    order.push(j);
                }
            }
        }
        debug_assert_eq!(
            order.len(),
            waiting.len(),
            "topological order of a cyclic graph"
        );
        order
    }
}

/// Indices `0..n` ordered so that every node comes after all its
/// dependencies. The graph must be acyclic.
pub fn topological_order<'a>(n: usize, depends_on: impl Fn(usize) -> &'a [usize]) -> Vec<usize> {
    let counts: Vec<u32> = (0..n).map(|i| depends_on(i).len() as u32).collect();
    Dependents::new(n, depends_on)
        .topological_order(&counts)
        .into_iter()
        .map(|i| i as usize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_two_cycle_and_a_self_loop() {
        // 0 -> 1 -> 0, 2 -> 2, 3 -> 0
        let deps = vec![vec![1], vec![0], vec![2], vec![0]];
        let cycles = find_cycles(&deps, 10);
        assert_eq!(cycles.len(), 2);
        assert_eq!(cycles[0].path, vec![0, 1, 0]);
        assert_eq!(cycles[0].closing_task, 1);
        assert_eq!(cycles[1].path, vec![2, 2]);
    }

    #[test]
    fn orders_dependencies_first() {
        let deps = [vec![2], vec![0, 2], vec![]];
        assert_eq!(topological_order(3, |i| &deps[i]), vec![2, 0, 1]);
    }

    #[test]
    fn a_diamond_is_not_a_cycle() {
        let deps = vec![vec![], vec![0], vec![0], vec![1, 2]];
        assert!(find_cycles(&deps, 10).is_empty());
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let deps: Vec<Vec<usize>> = (0..200_000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        assert!(find_cycles(&deps, 10).is_empty());
    }
}
