// Brokerage: Burt's structural-hole measures, as NetworkX defines them
// (nx.constraint, nx.effective_size).
//
// A broker ties together contacts who are not tied to each other. With
// m(u, v) = a(u, v) + a(v, u) the mutual weight of two nodes (a: the tie's
// weight, 1 when unweighted, 0 when there is no tie; an undirected tie
// counts both ways) and N(u) every node tied to u either way:
//
//   p(u, v)    = m(u, v) / sum over w in N(u) of m(u, w)
//   constraint = sum over v in N(u) of (p(u, v) + sum over w in N(u) of
//                p(u, w) p(w, v))^2
//   effective size = sum over v in N(u) of (1 - sum over w in N(u) of
//                p(u, w) m(v, w) / max over x of m(v, x))
//
// Low constraint and high effective size mark brokers. Both are undefined
// (NaN) for a node without ties, as in NetworkX.
//
//   auto c = graph::Constraint(g, /*weighted=*/false);
#pragma once

#include <vector>

#include "vigil/graph/graph.h"

namespace vigil::graph {

std::vector<double> Constraint(const Graph& g, bool weighted);
std::vector<double> EffectiveSize(const Graph& g, bool weighted);

}  // namespace vigil::graph
