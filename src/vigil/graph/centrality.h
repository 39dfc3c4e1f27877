// Node centrality measures, defined and normalised exactly as NetworkX 2.8
// defines them, so that vigil's numbers can be checked against it (see
// tests/differential/ and docs/network-analysis.md).
//
// Every function returns one value per node, indexed by NodeId. "weighted"
// means: for distance-based measures (betweenness, closeness, harmonic) edge
// weights are lengths, as NetworkX's weight=/distance= arguments treat them;
// for PageRank and eigenvector centrality they are strengths. Weights must be
// positive for the distance-based measures.
//
// Betweenness, closeness and harmonic centrality run one search per node and
// spread the sources over all cores (TBB); the result does not depend on
// the number of threads beyond floating-point rounding (< 1e-15 relative).
//
//   auto b = graph::Betweenness(g, {.weighted = false, .normalized = true});
#pragma once

#include <cstdint>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/graph/graph.h"

namespace vigil::graph {

enum class DegreeKind { kTotal, kIn, kOut };

// nx.degree_centrality / in_degree_centrality / out_degree_centrality:
// degree / (n - 1); raw degrees when !normalized. For a directed graph,
// kTotal is in + out.
std::vector<double> DegreeCentrality(const Graph& g, DegreeKind kind, bool normalized = true);

struct BetweennessOptions {
  bool weighted = false;
  // nx.betweenness_centrality(normalized=True, endpoints=False): divide by
  // (n-1)(n-2). Unnormalised values are halved for undirected graphs, as
  // NetworkX does, so that each unordered pair counts once.
  bool normalized = true;
};
// Brandes' algorithm: O(nm) unweighted, O(nm + n^2 log n) weighted.
std::vector<double> Betweenness(const Graph& g, const BetweennessOptions& options = {});

// nx.closeness_centrality(wf_improved=True): (r-1)/sum_d * (r-1)/(n-1),
// where r counts the nodes that can reach the node (itself included) and
// sum_d is the sum of their distances to it (incoming distance for
// directed graphs). 0 for a node nothing reaches.
std::vector<double> Closeness(const Graph& g, bool weighted = false);

// nx.harmonic_centrality: sum over v != u of 1 / d(v, u).
std::vector<double> Harmonic(const Graph& g, bool weighted = false);

struct EigenvectorOptions {
  bool weighted = false;
  // Power iteration on (A^T + I) from the uniform vector, as NetworkX does,
  // stopping when the L1 change is below n * tolerance. NetworkX's default
  // tolerance (1e-6) leaves errors near 1e-6; vigil's default converges to
  // about 1e-12 per node.
  double tolerance = 1e-14;
  int max_iterations = 100000;
};
// nx.eigenvector_centrality: L2-normalised. FailedPrecondition when the
// iteration does not converge (some directed graphs), InvalidArgument for
// an empty graph.
StatusOr<std::vector<double>> Eigenvector(const Graph& g, const EigenvectorOptions& options = {});

struct PageRankOptions {
  double alpha = 0.85;
  bool weighted = false;
  // Stops when sum |x - x_last| < n * tolerance (NetworkX's rule); the
  // default makes every value accurate to about 1e-12.
  double tolerance = 1e-14;
  int max_iterations = 10000;
};
// nx.pagerank with uniform teleport and dangling nodes' rank spread
// uniformly; undirected edges count in both directions.
StatusOr<std::vector<double>> PageRank(const Graph& g, const PageRankOptions& options = {});

// nx.core_number: the largest k such that the node is in the k-core
// (degree = in + out for directed graphs). Batagelj-Zaversnik, O(n + m).
std::vector<int32_t> CoreNumber(const Graph& g);

}  // namespace vigil::graph
