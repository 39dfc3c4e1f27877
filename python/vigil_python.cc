// vigil._vigil: the pybind11 binding of the engine that the Python package
// `vigil` (python/vigil/__init__.py, docs/python.md) wraps. A thin front end,
// as the CLI is: keyword arguments go into the engine's request and option
// structs (whose Validate() names the wrong field), results come back as the
// JSON the engine builds for them (engine/json/), converted to Python dicts
// and lists, so that Python sees the shapes docs/cli.md documents (a batch's
// hits come as columns, from BatchScreener::StreamResponses' typed results). The GIL
// is released while the engine works; a failed Status becomes one of the
// exceptions in vigil/_errors.py, carrying vigil's message.
//
//   store = _vigil.Store("vigil.db")
//   store.screen("Serajuddin Haqani", dob="1977")   # vigil screen --json's shape
#include <absl/container/flat_hash_map.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/base/version.h"
#include "vigil/engine/analysis.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/analysis_json.h"
#include "vigil/engine/json/knowledge_json.h"
#include "vigil/engine/json/screening_json.h"

namespace py = pybind11;

namespace vigil::python {
namespace {

// ---- results and errors ----

py::object ToPython(const Json& j) {
  switch (j.type()) {
    case Json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case Json::value_t::number_integer:
      return py::int_(j.get<int64_t>());
    case Json::value_t::number_unsigned:
      return py::int_(j.get<uint64_t>());
    case Json::value_t::number_float:
      return py::float_(j.get<double>());
    case Json::value_t::string:
      return py::str(j.get_ref<const std::string&>());
    case Json::value_t::array: {
      py::list list(j.size());
      for (size_t i = 0; i < j.size(); ++i) list[i] = ToPython(j[i]);
      return list;
    }
    case Json::value_t::object: {
      py::dict dict;
      for (const auto& [key, value] : j.items()) dict[py::str(key)] = ToPython(value);
      return dict;
    }
    default:  // null, binary, discarded
      return py::none();
  }
}

// Raises the exception of vigil/_errors.py that fits the status's exit code
// (InputError for bad input, NotFoundError, else Error) with its message,
// the field it names ("" when none) and the exit code. Needs the GIL.
[[noreturn]] void Raise(const Status& status) {
  ExitCode code = ExitCodeFor(status);
  const char* name = code == ExitCode::kBadInput   ? "InputError"
                     : code == ExitCode::kNotFound ? "NotFoundError"
                                                   : "Error";
  py::object type = py::module_::import("vigil._errors").attr(name);
  py::object error = type(std::string(status.message()), FieldOf(status), static_cast<int>(code));
  PyErr_SetObject(type.ptr(), error.ptr());
  throw py::error_already_set();
}

// Runs work (returning StatusOr<Json>) without the GIL, then returns its
// JSON as Python objects or raises its error.
template <typename Work>
py::object Call(Work&& work) {
  StatusOr<Json> result = absl::InternalError("not run");
  {
    py::gil_scoped_release release;
    result = work();
  }
  if (!result.ok()) Raise(result.status());
  return ToPython(*result);
}

// Fills an optional number only when Python gave one, so that the
// library's defaults stay its own.
template <typename T>
void Set(T& field, const std::optional<T>& value) {
  if (value) field = *value;
}

// ---- network sources ----

// The network an analysis runs on (engine/analysis.h OpenNetwork): a file
// when graph is given, else the store's view.
StatusOr<AnalysisNetwork> Network(Engine* engine, const std::string& graph,
                                  const std::string& format, bool largest_component,
                                  const GraphViewOptions& view, std::string_view format_field) {
  NetworkSource source;
  source.graph = graph;
  source.view = view;
  source.largest_component = largest_component;
  source.format_field = format_field;
  auto parsed = ParseNetworkFormat(format, format_field);
  if (!parsed.ok()) return parsed.status();
  source.format = *parsed;
  if (graph.empty() && engine == nullptr)
    return FieldError("graph", "no store is open: name a network file");
  return OpenNetwork(source, graph.empty() ? engine : nullptr);
}

// ---- batch screening ----

// The cells of the columns a batch reads, converted once from Python: per
// column, a value or none per row.
using ColumnValues = std::vector<std::pair<std::string, std::vector<std::optional<std::string>>>>;

// Rows [begin, end) of the columns; row i is line i + 1 in problems.
std::vector<Row> RowsOf(const ColumnValues& columns, size_t begin, size_t end) {
  std::vector<Row> rows;
  rows.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    Row row;
    row.line = static_cast<int>(i + 1);
    for (const auto& [column, values] : columns)
      if (values[i]) row.values.emplace(column, *values[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The rows of the columns a batch reads, a chunk at a time (RowsOf).
class ColumnSource final : public RowSource {
 public:
  ColumnSource(const std::vector<std::string>& columns, const ColumnValues& values, size_t rows)
      : columns_(columns), values_(values), rows_(rows) {}
  const std::string& name() const override { return name_; }
  const std::vector<std::string>& columns() const override { return columns_; }
  StatusOr<bool> Next(size_t max_rows, std::vector<Row>* rows, std::vector<std::string>*) override {
    size_t end = std::min(rows_, next_ + max_rows);
    *rows = RowsOf(values_, next_, end);
    next_ = end;
    return next_ < rows_;
  }
  double Fraction() const override { return rows_ ? static_cast<double>(next_) / rows_ : 1; }

 private:
  const std::string name_ = "rows";
  const std::vector<std::string>& columns_;
  const ColumnValues& values_;
  size_t rows_, next_ = 0;
};

// The hits of a batch as columns, one entry per hit, filled a chunk at a
// time from the typed responses (BatchScreener::StreamResponses) while the
// next chunk is screened: numbers in C++ arrays (NumPy's at the end), text
// as Python lists, whose strings repeat (a kind, a dataset, a listed
// entity's names and references) and are made once each. Filled and
// dropped with the GIL held.
class HitColumns {
 public:
  explicit HitColumns(bool explanations) : explanations_(explanations) {}

  // A chunk's hits, each row's best first; explanations from its hit texts.
  void Add(const BatchScreener::ResponseChunk& chunk) {
    for (size_t i = 0; i < chunk.responses.size(); ++i) {
      if (!chunk.responses[i]) continue;
      const auto& hits = chunk.responses[i]->hits;
      for (size_t h = 0; h < hits.size(); ++h) {
        const ScreenHit& hit = hits[h];
        row_.push_back(static_cast<int64_t>(chunk.first + i));
        rank_.push_back(static_cast<int64_t>(hit.rank));
        score_.push_back(hit.score);
        entity_.append(Shared(hit.entity));
        name_.append(Shared(hit.name));
        kind_.append(Shared(hit.kind));
        dataset_.append(Shared(hit.dataset));
        matched_name_.append(Shared(hit.matched_name.text));
        references_.append(Strings(hit.references));
        programs_.append(Strings(hit.programs));
        linked_.append(hit.linked.empty() ? py::object(py::none()) : Shared(hit.linked));
        if (explanations_) explanation_.append(py::str(chunk.hit_texts[i][h]));
      }
    }
  }

  py::dict ToPython() const {
    py::dict out;
    out["row"] = py::array_t<int64_t>(static_cast<py::ssize_t>(row_.size()), row_.data());
    out["rank"] = py::array_t<int64_t>(static_cast<py::ssize_t>(rank_.size()), rank_.data());
    out["score"] = py::array_t<double>(static_cast<py::ssize_t>(score_.size()), score_.data());
    out["entity"] = entity_;
    out["name"] = name_;
    out["kind"] = kind_;
    out["dataset"] = dataset_;
    out["matched_name"] = matched_name_;
    out["references"] = references_;
    out["programs"] = programs_;
    out["linked"] = linked_;
    if (explanations_) out["explanation"] = explanation_;
    return out;
  }

 private:
  // One str per distinct text (str is immutable, so rows may share it).
  py::object Shared(const std::string& text) {
    auto [it, added] = strings_.try_emplace(text);
    if (added) it->second = py::str(text);
    return it->second;
  }
  // A fresh list per hit (lists are mutable), of shared strings.
  py::list Strings(const std::vector<std::string>& values) {
    py::list list(values.size());
    for (size_t i = 0; i < values.size(); ++i) list[i] = Shared(values[i]);
    return list;
  }

  bool explanations_;
  std::vector<int64_t> row_, rank_;
  std::vector<double> score_;
  py::list entity_, name_, kind_, dataset_, matched_name_, references_, programs_, linked_,
      explanation_;
  absl::flat_hash_map<std::string, py::object> strings_;
};

// A cell as the batch reads it: None and NaN are no value, str is itself,
// anything else its str().
std::optional<std::string> CellText(const py::handle& value) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::float_>(value) && std::isnan(value.cast<double>())) return std::nullopt;
  return py::str(value).cast<std::string>();
}

// The request's settings, then its columns against the input's, as
// Engine::CheckBatch checks a file's before screening ("rows: name_column:
// no column 'nom' (columns: ...)").
StatusOr<BatchColumns> ChooseColumns(const BatchRequest& request,
                                     const std::vector<std::string>& columns) {
  if (auto s = request.Validate(); !s.ok()) return s;
  return ChooseBatchColumns(request, columns, "rows");
}

// ---- the store ----

class Store {
 public:
  // path: the store's; std::nullopt for none, which only the analysis of
  // network files needs (vigil.rank(graph=...) and the like).
  explicit Store(const std::optional<std::string>& path) {
    if (!path) return;
    StatusOr<std::unique_ptr<Engine>> engine = absl::InternalError("not opened");
    {
      py::gil_scoped_release release;
      engine = Engine::Open(*path, store::AccessMode::kReadOnly);
    }
    if (!engine.ok()) Raise(engine.status());
    engine_ = std::move(*engine);
  }

  py::object Screen(const std::string& name, const std::string& dob, const std::string& country,
                    const std::string& kind, std::optional<double> threshold,
                    std::optional<size_t> top, bool part_sources) {
    Engine& engine = Need();
    ScreenRequest request;
    request.name = name;
    request.dob = dob;
    request.country = country;
    request.kind = kind;
    Set(request.threshold, threshold);
    Set(request.top, top);
    request.part_sources = part_sources;
    return Call([&]() -> StatusOr<Json> {
      auto response = engine.Screen(request);
      if (!response.ok()) return response.status();
      return ToJson(*response);
    });
  }

  // columns: every input column; data[column]: its values (a sequence,
  // rows long), asked only for the columns the batch reads. Returns (hit
  // columns, summary).
  py::tuple ScreenBatch(const std::vector<std::string>& columns, const py::object& data,
                        size_t rows, const BatchRequest& request, bool explanations) {
    Engine& engine = Need();
    auto chosen = ChooseColumns(request, columns);
    if (!chosen.ok()) Raise(chosen.status());
    // Only the columns the batch reads are converted.
    std::vector<std::string> used = chosen->name;
    for (const std::string* c : {&chosen->dob, &chosen->country, &chosen->kind, &chosen->id})
      if (!c->empty()) used.push_back(*c);
    ColumnValues values;
    for (const auto& column : used) {
      py::sequence cells = data[py::str(column)];
      if (py::len(cells) != rows)
        Raise(absl::InvalidArgumentError("rows: column '" + column + "' has " +
                                         std::to_string(py::len(cells)) + " values, not " +
                                         std::to_string(rows)));
      std::vector<std::optional<std::string>> texts;
      texts.reserve(rows);
      for (const auto& cell : cells) texts.push_back(CellText(cell));
      values.emplace_back(column, std::move(texts));
    }
    HitColumns hits(explanations);
    Status failed;
    Json summary_json;
    {
      py::gil_scoped_release release;
      // As Engine::ScreenBatch streams a file, a chunk at a time, with each
      // chunk's responses kept as Python objects (under the GIL, on
      // whichever thread takes the chunk) while the next is screened.
      auto screener = engine.StartBatch(request, columns, "rows");
      if (!screener.ok()) {
        failed = screener.status();
      } else {
        ColumnSource source(columns, values, rows);
        BatchScreener::HitTextFunction explain;
        if (explanations)
          explain = [](const ScreenResponse& response, const ScreenHit& hit) {
            return HitExplanationText(hit, response.query.cleaning);
          };
        failed = (*screener)->StreamResponses(
            source, request.chunk_rows,
            explanations ? HitDetail::kExplained : HitDetail::kColumns, explain,
            [&](BatchScreener::ResponseChunk& chunk) {
              py::gil_scoped_acquire gil;
              try {
                hits.Add(chunk);
              } catch (const std::exception& e) {  // py::error_already_set, std::bad_alloc
                return absl::InternalError(std::string("rows: ") + e.what());
              }
              return absl::OkStatus();
            });
        if (failed.ok()) summary_json = ToJson((*screener)->Finish());
      }
    }
    if (!failed.ok()) Raise(failed);
    return py::make_tuple(hits.ToPython(), python::ToPython(summary_json));
  }

  // Builds the watch list now (or reads it back from the screening
  // snapshot beside the store), on `threads` threads (0: all cores).
  void Prepare(unsigned threads) {
    Engine& engine = Need();
    Status status;
    {
      py::gil_scoped_release release;
      status = engine.PrepareScreening(threads);
    }
    if (!status.ok()) Raise(status);
  }

  py::object Lists() {
    Engine& engine = Need();
    return Call([&]() -> StatusOr<Json> {
      auto lists = engine.ListVersions();
      if (!lists.ok()) return lists.status();
      return ToJson(*lists);
    });
  }

  py::object Show(const std::string& name, const std::string& as_of, const std::string& during) {
    Engine& engine = Need();
    ShowOptions options{.as_of = as_of, .during = during};
    return Call([&]() -> StatusOr<Json> {
      if (auto s = options.Validate(); !s.ok()) return s;
      std::lock_guard lock(store_mutex_);
      auto card = engine.ShowEntityOrEvent(name, options);
      if (!card.ok()) return card.status();
      return ToJson(*card);
    });
  }

  py::object Rank(const std::string& measure, int top, bool weighted, bool raw,
                  const std::string& graph, const std::string& format, bool largest_component,
                  const GraphViewOptions& view) {
    return Call([&]() -> StatusOr<Json> {
      auto parsed = ParseMeasure(measure);
      if (!parsed.ok()) return parsed.status();
      RankOptions options{.measure = *parsed, .top = top, .weighted = weighted, .raw = raw};
      if (auto s = options.Validate(); !s.ok()) return s;
      std::lock_guard lock(store_mutex_);
      auto net = Network(engine_.get(), graph, format, largest_component, view, "format");
      if (!net.ok()) return net.status();
      auto result = RankNetwork(*net, options);
      if (!result.ok()) return result.status();
      return ToJson(*result);
    });
  }

  py::object Communities(double resolution, bool weighted, uint64_t seed, int runs,
                         const std::string& graph, const std::string& format,
                         bool largest_component, const GraphViewOptions& view) {
    return Call([&]() -> StatusOr<Json> {
      CommunityOptions options{
          .resolution = resolution, .weighted = weighted, .seed = seed, .runs = runs};
      if (auto s = options.Validate(); !s.ok()) return s;
      std::lock_guard lock(store_mutex_);
      auto net = Network(engine_.get(), graph, format, largest_component, view, "format");
      if (!net.ok()) return net.status();
      auto result = CommunitiesOf(*net, options);
      if (!result.ok()) return result.status();
      return ToJson(*result);
    });
  }

  py::object KeyPlayers(int k, const std::string& graph, const std::string& format,
                        bool largest_component, const GraphViewOptions& view) {
    return Call([&]() -> StatusOr<Json> {
      KeyPlayerOptions options{.k = k};
      std::lock_guard lock(store_mutex_);
      auto net = Network(engine_.get(), graph, format, largest_component, view, "format");
      if (!net.ok()) return net.status();
      auto result = KeyPlayersOf(*net, options);
      if (!result.ok()) return result.status();
      return ToJson(*result);
    });
  }

  // The network as a GraphML document (what store.graph() reads into
  // NetworkX).
  py::object Export(const std::string& graph, const std::string& format, bool largest_component,
                    const GraphViewOptions& view) {
    return Call([&]() -> StatusOr<Json> {
      std::lock_guard lock(store_mutex_);
      auto net = Network(engine_.get(), graph, format, largest_component, view, "format");
      if (!net.ok()) return net.status();
      auto result = ExportNetwork(*net, {.format = ExportFormat::kGraphMl});
      if (!result.ok()) return result.status();
      return ToJson(*result);
    });
  }

  py::object Exposure(const std::string& name, std::optional<int> max_hops,
                      std::optional<int> paths, const std::vector<std::string>& authority, int top,
                      const GraphViewOptions& view) {
    Engine& engine = Need();
    ExposureOptions options;
    options.view = view;
    Set(options.max_hops, max_hops);
    Set(options.paths, paths);
    options.authority = authority;
    options.top = top;
    return Call([&]() -> StatusOr<Json> {
      std::lock_guard lock(store_mutex_);
      auto result = engine.Exposure(name, options);
      if (!result.ok()) return result.status();
      return ToJson(*result);
    });
  }

  py::object Paths(const std::string& from, const std::string& to, std::optional<int> k,
                   const GraphViewOptions& view) {
    Engine& engine = Need();
    PathsOptions options;
    options.view = view;
    Set(options.k, k);
    return Call([&]() -> StatusOr<Json> {
      std::lock_guard lock(store_mutex_);
      auto result = engine.Paths(from, to, options);
      if (!result.ok()) return result.status();
      return ToJson(*result);
    });
  }

 private:
  // The engine, or FailedPrecondition raised when no store is open.
  Engine& Need() {
    if (!engine_) Raise(absl::FailedPreconditionError("no store is open (vigil.open(path))"));
    return *engine_;
  }

  std::unique_ptr<Engine> engine_;
  // Screening runs on many threads at once (Engine's contract); calls that
  // read the store itself take turns.
  std::mutex store_mutex_;
};

py::object Compare(const std::string& a, const std::string& b, const std::string& kind,
                   std::optional<double> threshold) {
  CompareRequest request;
  request.name_a = a;
  request.name_b = b;
  request.kind = kind;
  Set(request.threshold, threshold);
  return Call([&]() -> StatusOr<Json> {
    auto result = Engine::Compare(request);
    if (!result.ok()) return result.status();
    return ToJson(*result);
  });
}

// A batch's settings and columns checked without a store, as screen_batch
// checks them before screening: raises InputError naming the field.
void CheckBatch(const std::vector<std::string>& columns, const vigil::BatchRequest& request) {
  auto chosen = ChooseColumns(request, columns);
  if (!chosen.ok()) Raise(chosen.status());
}

}  // namespace
}  // namespace vigil::python

PYBIND11_MODULE(_vigil, m) {
  using namespace vigil::python;
  namespace vp = vigil::python;
  using py::arg;
  m.doc() = "vigil's engine (the binding under the Python package vigil; docs/python.md)";
  m.attr("__version__") = vigil::kVersion;

  // The view of the store's graph an analysis runs on: the engine's own
  // options (GraphViewOptions), validated by the engine.
  py::class_<vigil::GraphViewOptions>(m, "_View")
      .def(py::init([](std::string as_of, std::string during, std::vector<std::string> predicate,
                       std::vector<std::string> party, double min_confidence, bool directed) {
             vigil::GraphViewOptions view;
             view.as_of = std::move(as_of);
             view.during = std::move(during);
             view.predicate = std::move(predicate);
             view.party = std::move(party);
             view.min_confidence = min_confidence;
             view.directed = directed;
             return view;
           }),
           arg("as_of") = "", arg("during") = "", arg("predicate") = std::vector<std::string>{},
           arg("party") = std::vector<std::string>{}, arg("min_confidence") = 0.0,
           arg("directed") = false);

  // A batch's settings: the engine's own BatchRequest, validated by the
  // engine when the batch runs (or by check_batch); None keeps vigil's
  // default threshold and top. dob, country and kind hold for every row
  // (the CLI's --dob, --country and --kind with --input).
  py::class_<vigil::BatchRequest>(m, "_Batch")
      .def(py::init([](std::vector<std::string> name_columns, std::string dob_column,
                       std::string country_column, std::string kind_column, std::string id_column,
                       std::string dob, std::string country, std::string kind,
                       std::optional<double> threshold, std::optional<size_t> top,
                       unsigned threads) {
             vigil::BatchRequest request;
             request.name_columns = std::move(name_columns);
             request.dob_column = std::move(dob_column);
             request.country_column = std::move(country_column);
             request.kind_column = std::move(kind_column);
             request.id_column = std::move(id_column);
             request.dob = std::move(dob);
             request.country = std::move(country);
             request.kind = std::move(kind);
             Set(request.threshold, threshold);
             Set(request.top, top);
             request.threads = threads;
             return request;
           }),
           arg("name_columns") = std::vector<std::string>{}, arg("dob_column") = "",
           arg("country_column") = "", arg("kind_column") = "", arg("id_column") = "",
           arg("dob") = "", arg("country") = "", arg("kind") = "", arg("threshold") = py::none(),
           arg("top") = py::none(), arg("threads") = 0u);

  py::class_<vp::Store>(m, "Store")
      .def(py::init<const std::optional<std::string>&>(), arg("path"))
      .def("screen", &vp::Store::Screen, arg("name"), arg("dob") = "", arg("country") = "",
           arg("kind") = "", arg("threshold") = py::none(), arg("top") = py::none(),
           arg("part_sources") = true)
      .def("screen_batch", &vp::Store::ScreenBatch, arg("columns"), arg("data"), arg("rows"),
           arg("batch"), arg("explanations"))
      .def("prepare", &vp::Store::Prepare, arg("threads") = 0)
      .def("lists", &vp::Store::Lists)
      .def("show", &vp::Store::Show, arg("name"), arg("as_of") = "", arg("during") = "")
      .def("rank", &vp::Store::Rank, arg("measure"), arg("top"), arg("weighted"), arg("raw"),
           arg("graph"), arg("format"), arg("largest_component"), arg("view"))
      .def("communities", &vp::Store::Communities, arg("resolution"), arg("weighted"), arg("seed"),
           arg("runs"), arg("graph"), arg("format"), arg("largest_component"), arg("view"))
      .def("keyplayers", &vp::Store::KeyPlayers, arg("k"), arg("graph"), arg("format"),
           arg("largest_component"), arg("view"))
      .def("export", &vp::Store::Export, arg("graph"), arg("format"), arg("largest_component"),
           arg("view"))
      .def("exposure", &vp::Store::Exposure, arg("name"), arg("max_hops"), arg("paths"),
           arg("authority"), arg("top"), arg("view"))
      .def("paths", &vp::Store::Paths, arg("source"), arg("target"), arg("k"), arg("view"));

  m.def("check_batch", &vp::CheckBatch, arg("columns"), arg("batch"));
  m.def("compare", &vp::Compare, arg("a"), arg("b"), arg("kind") = "",
        arg("threshold") = py::none());
}
