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

/// Indices `0..n` ordered so that every node comes after all its
/// dependencies (Kahn's algorithm over a flat adjacency array). The graph must
/// be acyclic.
pub fn topological_order<'a>(n: usize, depends_on: impl Fn(usize) -> &'a [usize]) -> Vec<usize> {
    let mut waiting: Vec<u32> = (0..n).map(|i| depends_on(i).len() as u32).collect();
    let mut offsets = vec![0usize; n + 1];
    for i in 0..n {
        for &d in depends_on(i) {
            offsets[d + 1] += 1;
        }
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut dependents = vec![0usize; offsets[n]];
    for i in 0..n {
        for &d in depends_on(i) {
            dependents[fill[d]] = i;
            fill[d] += 1;
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let i = order[head];
        head += 1;
        for &j in &dependents[offsets[i]..offsets[i + 1]] {
            waiting[j] -= 1;
            if waiting[j] == 0 {
                order.push(j);
            }
        }
    }
    debug_assert_eq!(order.len(), n, "topological_order on a cyclic graph");
    order
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
