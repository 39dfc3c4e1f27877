// Engine::ScreenBatch, StartBatch and ComparePairs on the mini fixture:
// output in input order whatever the threads and chunks, bad rows reported
// with their line and column, CSV cells neutralised, fields named, JSON
// lines streamed in pieces as a file is, and memory bounded on a large file.
#include "vigil/engine/batch.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "vigil/engine/engine.h"
#include "vigil/engine/json/screening_json.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

// Rows held in memory, given max_rows at a time.
class VectorSource final : public RowSource {
 public:
  VectorSource(std::vector<std::string> columns, std::vector<Row> rows,
               std::vector<std::string> problems = {})
      : columns_(std::move(columns)), rows_(std::move(rows)), problems_(std::move(problems)) {}
  const std::string& name() const override { return name_; }
  const std::vector<std::string>& columns() const override { return columns_; }
  StatusOr<bool> Next(size_t max_rows, std::vector<Row>* rows,
                      std::vector<std::string>* problems) override {
    for (auto& p : problems_) problems->push_back(std::move(p));
    problems_.clear();
    for (size_t n = 0; n < max_rows && next_ < rows_.size(); ++n) rows->push_back(rows_[next_++]);
    return next_ < rows_.size();
  }

 private:
  std::string name_ = "in.csv";
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
  std::vector<std::string> problems_;
  size_t next_ = 0;
};

class StringSink final : public BatchSink {
 public:
  Status Write(std::string_view text) override {
    text_ += text;
    return absl::OkStatus();
  }
  std::string text_;
};

// Counts what it is given and keeps nothing.
class CountingSink final : public BatchSink {
 public:
  Status Write(std::string_view text) override {
    bytes_ += text.size();
    lines_ += static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    return absl::OkStatus();
  }
  size_t bytes_ = 0, lines_ = 0;
};

Row MakeRow(int line, std::map<std::string, std::string> values) { return Row{line, std::move(values)}; }

std::vector<Row> VariedRows(int n) {
  const char* names[] = {"Northern Front", "Karim Yusufzai", "Северный фронт", "Margaret Thornton",
                         "Valley Brigade", "Front",          "North Front",    "Nothern Frnt"};
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i)
    rows.push_back(MakeRow(i + 2, {{"id", std::to_string(i)}, {"name", names[i % 8]}}));
  return rows;
}

// elapsed_ms differs from run to run.
std::string WithoutTimings(const std::string& jsonl) {
  std::istringstream in(jsonl);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::ordered_json::parse(line);
    j.erase("elapsed_ms");
    out += j.dump() + "\n";
  }
  return out;
}

class BatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("vigil-batch-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::string mini = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/mini";
    auto loaded = Engine::LoadFiles(Db(), {mini + "/data"}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    auto engine = Engine::Open(Db(), store::AccessMode::kReadOnly);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  static std::string Db() { return (*dir_ / "vigil.db").string(); }
  static std::string Write(const std::string& name, const std::string& text) {
    std::string path = (*dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string Run(const BatchRequest& request, std::vector<Row> rows, BatchSummary* summary = nullptr) {
    VectorSource source({"id", "name"}, std::move(rows));
    StringSink sink;
    auto s = engine_->ScreenBatch(request, source, sink);
    EXPECT_TRUE(s.ok()) << s.status();
    if (summary && s.ok()) *summary = *s;
    return sink.text_;
  }

  static fs::path* dir_;
  std::unique_ptr<Engine> engine_;
};
fs::path* BatchTest::dir_ = nullptr;

TEST_F(BatchTest, OutputKeepsInputOrderWhateverTheThreadsAndChunks) {
  BatchRequest one;
  one.threads = 1;
  BatchRequest many;
  many.threads = 2;
  many.chunk_rows = 7;
  std::string csv = Run(one, VariedRows(2000));
  EXPECT_EQ(Run(many, VariedRows(2000)), csv);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2001);
  EXPECT_EQ(csv.rfind("id,name,vigil_hits,", 0), std::string::npos);  // every cell quoted
  EXPECT_EQ(csv.rfind("\"id\",\"name\",vigil_hits,", 0), 0u) << csv.substr(0, 80);

  one.output = many.output = BatchFormat::kJsonLines;
  std::string jsonl = Run(one, VariedRows(2000));
  EXPECT_EQ(WithoutTimings(Run(many, VariedRows(2000))), WithoutTimings(jsonl));
  std::istringstream lines(jsonl);
  int expected = 2;
  for (std::string line; std::getline(lines, line); ++expected) {
    auto j = nlohmann::json::parse(line);
    ASSERT_EQ(j["line"], expected);
    ASSERT_EQ(j["id"], std::to_string(expected - 2));
  }
  EXPECT_EQ(expected, 2002);
}

TEST_F(BatchTest, BadRowsAreReportedWithTheirLineAndColumn) {
  std::vector<Row> rows = {
      MakeRow(2, {{"id", "1"}, {"name", "Northern Front"}, {"dob", "x"}, {"country", "AF"}}),
      MakeRow(3, {{"id", "2"}, {"name", " "}, {"dob", ""}, {"country", ""}}),
      MakeRow(4, {{"id", "3"}, {"name", "Karim"}, {"dob", "1970"}, {"country", "Narnia"}}),
      MakeRow(5, {{"id", "4"}, {"name", "\u200B"}, {"dob", ""}, {"country", ""}}),
  };
  VectorSource source({"id", "name", "dob", "country"}, rows,
                      {"in.csv:6: expected 4 fields, found 1; row skipped"});
  StringSink sink;
  auto summary = engine_->ScreenBatch({}, source, sink);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->rows, 5u);
  EXPECT_EQ(summary->screened, 2u);
  EXPECT_EQ(summary->skipped, 3u);
  EXPECT_EQ(summary->rows_with_hits, 1u);
  EXPECT_EQ(summary->input, "in.csv");
  EXPECT_EQ(summary->problems,
            (std::vector<std::string>{
                "in.csv:2: dob: 'x' is not a date; screened without it",
                "in.csv:3: name: is blank; row skipped",
                "in.csv:4: country: 'Narnia' names no country; screened without it",
                "in.csv:5: name: has no letters or digits once invisible characters are removed "
                "(U+200B ZERO WIDTH SPACE); row skipped",
                "in.csv:6: expected 4 fields, found 1; row skipped"}));
  EXPECT_EQ(std::count(sink.text_.begin(), sink.text_.end(), '\n'), 3);  // header and two rows
}

TEST_F(BatchTest, CsvCellsThatSpreadsheetsWouldRunAreNeutralisedUnlessRaw) {
  std::vector<Row> rows = {MakeRow(2, {{"id", "=HYPERLINK(\"http://x/\")"}, {"name", "-Northern Front"}})};
  std::string out = Run({}, rows);
  EXPECT_NE(out.find("\"'=HYPERLINK(\"\"http://x/\"\")\",\"'-Northern Front\",1,1.0000,"
                     "\"northern-front\""),
            std::string::npos)
      << out;
  BatchRequest raw;
  raw.raw_csv = true;
  out = Run(raw, rows);
  EXPECT_NE(out.find("\"=HYPERLINK(\"\"http://x/\"\")\",\"-Northern Front\",1,"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("'"), std::string::npos) << out;
}

TEST_F(BatchTest, SettingsAndColumnsNameTheirFields) {
  auto field = [](auto change) {
    BatchRequest r;
    change(r);
    return FieldOf(r.Validate());
  };
  EXPECT_EQ(field([](BatchRequest& r) { r.threshold = std::nan(""); }), "threshold");
  EXPECT_EQ(field([](BatchRequest& r) { r.top = 1001; }), "top");
  EXPECT_EQ(field([](BatchRequest& r) { r.dob = "x"; }), "dob");
  EXPECT_EQ(field([](BatchRequest& r) { r.country = "Narnia"; }), "country");
  EXPECT_EQ(field([](BatchRequest& r) { r.kind = "vessel"; }), "kind");
  EXPECT_EQ(field([](BatchRequest& r) { r.chunk_rows = 0; }), "chunk_rows");
  EXPECT_EQ(field([](BatchRequest&) {}), "");

  BatchRequest r;
  r.name_columns = {"name", "nom"};
  auto chosen = ChooseBatchColumns(r, {"id", "name"}, "in.csv");
  EXPECT_EQ(chosen.status().message(), "in.csv: name_column: no column 'nom' (columns: id, name)");
  EXPECT_EQ(FieldOf(chosen.status()), "name_column");
  r = {};
  r.id_column = "ref";
  EXPECT_EQ(FieldOf(ChooseBatchColumns(r, {"id", "name"}, "in.csv").status()), "id_column");
  // Picked by name, case-insensitive; the name falls back to the first column.
  r = {};
  chosen = ChooseBatchColumns(r, {"Full_Name", "DOB", "Nationality", "Type", "Ref"}, "in.csv");
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(chosen->name, std::vector<std::string>{"Full_Name"});
  EXPECT_EQ(chosen->dob, "DOB");
  EXPECT_EQ(chosen->country, "Nationality");
  EXPECT_EQ(chosen->kind, "Type");
  EXPECT_EQ(chosen->id, "Ref");
  EXPECT_EQ(ChooseBatchColumns(r, {"payee", "x"}, "in.csv")->name, std::vector<std::string>{"payee"});
}

// StreamResponses (the Python package's screen_batch): each row's response
// as data, chunk by chunk in input order, the same hits as the JSON lines
// Stream() writes, the same counts, and a text per hit made beside
// screening.
TEST_F(BatchTest, StreamedResponsesGiveTheHitsOfTheOutputLinesAndCountAlike) {
  std::vector<Row> rows = {
      MakeRow(2, {{"id", "1"}, {"name", "Northern Front"}, {"dob", "x"}}),
      MakeRow(3, {{"id", "2"}, {"name", " "}}),
      MakeRow(4, {{"id", "3"}, {"name", "Margaret Thornton"}}),
      MakeRow(5, {{"id", "4"}, {"name", "Nothern Frnt"}}),
      MakeRow(6, {{"id", "5"}, {"name", "Karim Yusufzai"}}),
  };
  BatchRequest request;
  request.output = BatchFormat::kJsonLines;
  VectorSource source({"id", "name", "dob"}, rows);
  StringSink sink;
  auto summary = engine_->ScreenBatch(request, source, sink);
  ASSERT_TRUE(summary.ok()) << summary.status();
  std::vector<nlohmann::ordered_json> lines;
  std::istringstream in(sink.text_);
  for (std::string line; std::getline(in, line);)
    lines.push_back(nlohmann::ordered_json::parse(line));
  ASSERT_EQ(lines.size(), 4u);  // the blank name is skipped

  auto screener =
      engine_->StartBatch(request, std::vector<std::string>{"id", "name", "dob"}, "in.csv");
  ASSERT_TRUE(screener.ok()) << screener.status();
  VectorSource again({"id", "name", "dob"}, rows, {"in.csv:7: unreadable; row skipped"});
  std::vector<size_t> firsts;
  std::vector<std::optional<ScreenResponse>> responses;
  std::vector<std::vector<std::string>> texts;
  auto status = (*screener)->StreamResponses(
      again, 2, HitDetail::kExplained,
      [](const ScreenResponse& response, const ScreenHit& hit) {
        return response.query.name + " ~ " + hit.name;
      },
      [&](BatchScreener::ResponseChunk& chunk) {
        firsts.push_back(chunk.first);
        EXPECT_EQ(chunk.hit_texts.size(), chunk.responses.size());
        for (auto& r : chunk.responses) responses.push_back(std::move(r));
        for (auto& t : chunk.hit_texts) texts.push_back(std::move(t));
        return absl::OkStatus();
      });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(firsts, (std::vector<size_t>{0, 2, 4}));
  ASSERT_EQ(responses.size(), 5u);
  EXPECT_FALSE(responses[1].has_value());
  EXPECT_TRUE(texts[1].empty());
  size_t line = 0;
  for (size_t i : {0u, 2u, 3u, 4u}) {
    ASSERT_TRUE(responses[i].has_value()) << i;
    EXPECT_EQ(lines[line]["line"], rows[i].line);
    EXPECT_EQ(ToJson(*responses[i])["hits"], lines[line]["hits"]) << i;
    ASSERT_EQ(texts[i].size(), responses[i]->hits.size()) << i;
    for (size_t h = 0; h < texts[i].size(); ++h)
      EXPECT_EQ(texts[i][h], rows[i].values.at("name") + " ~ " + responses[i]->hits[h].name);
    ++line;
  }
  EXPECT_FALSE(responses[0]->hits.empty());
  EXPECT_EQ(responses[0]->hits[0].name, "Northern Front");
  EXPECT_EQ(texts[0][0], "Northern Front ~ Northern Front");
  EXPECT_TRUE(responses[2]->hits.empty());
  BatchSummary end = (*screener)->Finish();
  EXPECT_EQ(end.rows, 5u + 1u);  // the unreadable one counted as read
  EXPECT_EQ(end.screened, 4u);
  EXPECT_EQ(end.rows_with_hits, summary->rows_with_hits);
  EXPECT_EQ(end.hits, summary->hits);
  std::vector<std::string> problems = summary->problems;
  problems.push_back("in.csv:7: unreadable; row skipped");
  std::sort(problems.begin(), problems.end());
  EXPECT_EQ(end.problems, problems);
}

// The consumer's error stops the batch: no chunk after it is handed over,
// and the error is what StreamResponses returns.
TEST_F(BatchTest, StreamedResponsesStopAtTheConsumersError) {
  std::vector<Row> rows;
  for (int i = 0; i < 40; ++i) rows.push_back(MakeRow(i + 2, {{"name", "Northern Front"}}));
  BatchRequest request;
  auto screener = engine_->StartBatch(request, std::vector<std::string>{"name"}, "in.csv");
  ASSERT_TRUE(screener.ok()) << screener.status();
  VectorSource source({"name"}, rows);
  size_t taken = 0;
  auto status = (*screener)->StreamResponses(source, 4, HitDetail::kColumns, nullptr,
                                             [&](BatchScreener::ResponseChunk& chunk) {
                                               EXPECT_TRUE(chunk.hit_texts[0].empty());
                                               if (++taken == 2)
                                                 return absl::InternalError("disk full");
                                               return absl::OkStatus();
                                             });
  EXPECT_EQ(status, absl::InternalError("disk full"));
  EXPECT_EQ(taken, 2u);
  auto unset = engine_->StartBatch(request, std::nullopt, "in.csv");
  ASSERT_FALSE(unset.ok());  // CSV output needs columns; JSON lines do not
  request.output = BatchFormat::kJsonLines;
  unset = engine_->StartBatch(request, std::nullopt, "in.csv");
  ASSERT_TRUE(unset.ok()) << unset.status();
  VectorSource none({"name"}, rows);
  EXPECT_EQ((*unset)->StreamResponses(none, 4, HitDetail::kColumns, nullptr, nullptr).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(BatchTest, JsonLinesStreamedInPiecesGiveWhatTheFileGives) {
  std::vector<std::string> lines = {
      "{\"name\": \"Northern Front\", \"ref\": \"a\"}", "not json", "",
      "{\"name\": \" \"}", "{\"ref\": \"c\", \"name\": \"Karim Yusufzai\", \"late\": 1}",
      "{\"name\": \"Северный фронт\", \"dob\": \"1990\"}"};
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  BatchRequest request;
  request.output = BatchFormat::kJsonLines;
  auto file = OpenRowFile(Write("stream.jsonl", text));
  ASSERT_TRUE(file.ok()) << file.status();
  StringSink sink;
  auto summary = engine_->ScreenBatch(request, **file, sink);
  ASSERT_TRUE(summary.ok()) << summary.status();

  // The same lines as an HTTP body arrives: in pieces, with the keys of the
  // first piece choosing the columns.
  auto screener = engine_->StartBatch(request, std::nullopt, (*dir_ / "stream.jsonl").string());
  ASSERT_TRUE(screener.ok()) << screener.status();
  std::string streamed;
  for (auto [from, to] : {std::pair{0, 2}, {2, 5}, {5, 6}}) {
    auto out = (*screener)->ProcessJsonLines({lines.begin() + from, lines.begin() + to});
    ASSERT_TRUE(out.ok()) << out.status();
    streamed += *out;
  }
  BatchSummary end = (*screener)->Finish();
  EXPECT_EQ(WithoutTimings(streamed), WithoutTimings(sink.text_));
  EXPECT_EQ(end.problems, summary->problems);
  EXPECT_EQ(end.rows, 5u);
  EXPECT_EQ(end.screened, 3u);
  // CSV output needs every column before the first row.
  request.output = BatchFormat::kCsv;
  EXPECT_EQ(FieldOf(engine_->StartBatch(request, std::nullopt, "body").status()), "output");
}

TEST_F(BatchTest, AStoreWithoutDesignationsIsNotFound) {
  auto empty = Engine::Open((*dir_ / "empty.db").string(), store::AccessMode::kReadWrite);
  ASSERT_TRUE(empty.ok()) << empty.status();
  VectorSource source({"id", "name"}, VariedRows(1));
  StringSink sink;
  auto summary = (*empty)->ScreenBatch({}, source, sink);
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(sink.text_.empty());
}

TEST_F(BatchTest, PairsAreComparedInOrderWithTheirProblems) {
  std::vector<Row> rows = {
      MakeRow(2, {{"name_a", "Usama bin Ladin"}, {"name_b", "Osama bin Laden"}, {"kind", ""}}),
      MakeRow(3, {{"name_a", ""}, {"name_b", "x"}, {"kind", ""}}),
      MakeRow(4, {{"name_a", "a"}, {"name_b", "b"}, {"kind", "vessel"}}),
      MakeRow(5, {{"name_a", "Fund VII"}, {"name_b", "Fund VIII"}, {"kind", "organization"}}),
  };
  VectorSource source({"name_a", "name_b", "kind"}, rows, {"in.csv:6: expected 3 fields"});
  StringSink sink;
  CompareRequest defaults;
  defaults.kind = "person";
  auto summary = Engine::ComparePairs(defaults, source, sink);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->compared, 2u);
  EXPECT_EQ(summary->problems, (std::vector<std::string>{
                                   "in.csv:6: expected 3 fields", "in.csv:3: name_a: is empty; row skipped",
                                   "in.csv:4: kind: unknown 'vessel'; row skipped"}));
  std::istringstream lines(sink.text_);
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  auto first = nlohmann::json::parse(line);
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["kind"], "person");  // the default
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(nlohmann::json::parse(line)["kind"], "organization");

  VectorSource wrong({"a", "b"}, {});
  EXPECT_EQ(Engine::ComparePairs({}, wrong, sink).status().message(),
            "in.csv:1: header: expected columns name_a,name_b[,kind]");
}

long PeakRssKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// The section "--- file" of a golden file captured from `vigil screen
// --input` before screening moved behind the engine
// (tests/fixtures/golden/screening, tests/e2e/screen_golden_test.cc).
std::string GoldenSection(const std::string& golden, const std::string& file) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/golden/screening/mini/" +
                       golden,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const std::string marker = "--- " + file + "\n";
  size_t at = all.find(marker);
  if (at == std::string::npos) return "";
  return all.substr(at + marker.size());
}

// The golden test's database: the mini fixture with its texts.
class BatchGoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("vigil-batch-golden-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::string mini = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/mini";
    LoadOptions options;
    options.texts_dir = mini + "/texts";
    auto loaded = Engine::LoadFiles((*dir_ / "vigil.db").string(), {mini + "/data"}, options);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static fs::path* dir_;
};
fs::path* BatchGoldenTest::dir_ = nullptr;

// Streamed through Engine::ScreenBatch seven rows at a time on two
// threads, the golden batch gives the output file `vigil screen --input`
// wrote before the refactor, byte for byte (JSON lines without their
// elapsed_ms), with the same problems, and progress after every chunk.
TEST_F(BatchGoldenTest, StreamedInSmallChunksTheOutputIsTheGoldenFile) {
  auto engine = Engine::Open((*dir_ / "vigil.db").string(), store::AccessMode::kReadOnly);
  ASSERT_TRUE(engine.ok()) << engine.status();
  const std::string input =
      std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/golden/screening/inputs/batch.csv";
  struct Case {
    BatchFormat format;
    std::string golden, file;
  };
  for (const Case& c : {Case{BatchFormat::kCsv, "batch-csv-csv.txt", "out.csv"},
                        Case{BatchFormat::kJsonLines, "batch-csv-jsonl.txt", "out.jsonl"}}) {
    SCOPED_TRACE(c.golden);
    const std::string expected = GoldenSection(c.golden, c.file);
    ASSERT_FALSE(expected.empty());
    auto rows = OpenRowFile(input);
    ASSERT_TRUE(rows.ok()) << rows.status();
    BatchRequest request;
    request.output = c.format;
    request.threads = 2;
    request.chunk_rows = 7;
    StringSink sink;
    std::vector<BatchProgress> progress;
    auto summary = (*engine)->ScreenBatch(request, **rows, sink,
                                          [&](const BatchProgress& p) { progress.push_back(p); });
    ASSERT_TRUE(summary.ok()) << summary.status();
    if (c.format == BatchFormat::kCsv) {
      EXPECT_EQ(sink.text_, expected);
    } else {
      // The golden file's lines are as the golden test writes them: compact,
      // without elapsed_ms.
      EXPECT_EQ(WithoutTimings(sink.text_), expected);
    }
    EXPECT_EQ(summary->rows, 52u);
    EXPECT_EQ(summary->screened, 47u);
    EXPECT_EQ(summary->rows_with_hits, 4u);
    ASSERT_EQ(summary->problems.size(), 8u);
    EXPECT_EQ(summary->problems[0],
              input + ":12: dob: 'not a date' is not a date; screened without it");
    EXPECT_EQ(summary->problems[5], input + ":23: expected 6 fields, found 7; row skipped");
    // 52 rows (53 lines with the header), 7 at a time.
    ASSERT_GE(progress.size(), 8u);
    for (size_t i = 1; i < progress.size(); ++i)
      EXPECT_GE(progress[i].rows, progress[i - 1].rows);
    EXPECT_EQ(progress[0].rows, 7u);
    EXPECT_EQ(progress.back().fraction, 1.0);
  }
}

// Memory must not grow with the input. Rows are read, screened and written
// a chunk at a time, at most three chunks in flight (one read, one
// screened, one written): on 500,000 rows (about 19 MB of CSV; held whole,
// with their output, it took several hundred MB) the peak resident memory
// grows by less than kBatchMemoryBoundMb (66 MB measured in release). A suite of its own, which CTest runs in a
// process of its own: the peak measured is this test's.
[[maybe_unused]] constexpr long kBatchMemoryBoundMb = 96;

// AddressSanitizer (gcc says so with __SANITIZE_ADDRESS__, clang through
// __has_feature) keeps freed memory in quarantine: the bound cannot hold.
#if defined(__SANITIZE_ADDRESS__)
#define VIGIL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VIGIL_ASAN 1
#endif
#endif
#ifndef VIGIL_ASAN
#define VIGIL_ASAN 0
#endif

class BatchMemoryTest : public BatchTest {};

TEST_F(BatchMemoryTest, MemoryStaysBoundedOnAHalfMillionRows) {
#if VIGIL_ASAN
  const int rows = 100000;  // slower, and ASan's own memory dwarfs the bound
#else
  const int rows = 500000;
#endif
  std::string path = (*dir_ / "big.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "id,name,dob,country\n";
    const char* names[] = {"Northern Front", "Karim Yusufzai", "Valley Brigade", "Margaret Thornton"};
    for (int i = 0; i < rows; ++i) out << i << "," << names[i % 4] << ",19" << (50 + i % 50) << ",AF\n";
  }
  auto source = OpenRowFile(path);
  ASSERT_TRUE(source.ok()) << source.status();
  ASSERT_TRUE(engine_->PrepareScreening().ok());
  const long before = PeakRssKilobytes();
  CountingSink sink;
  BatchRequest request;
  auto summary = engine_->ScreenBatch(request, **source, sink);
  ASSERT_TRUE(summary.ok()) << summary.status();
  const long grown_mb = (PeakRssKilobytes() - before) / 1024;
  EXPECT_EQ(summary->screened, static_cast<size_t>(rows));
  EXPECT_EQ(sink.lines_, static_cast<size_t>(rows) + 1);
  EXPECT_EQ(summary->rows_with_hits, static_cast<size_t>(rows) / 4);
#if !VIGIL_ASAN
  EXPECT_LT(grown_mb, kBatchMemoryBoundMb) << "peak RSS grew by " << grown_mb << " MB";
#endif
  RecordProperty("peak_rss_growth_mb", std::to_string(grown_mb));
}

}  // namespace
}  // namespace vigil
