// End to end: batch screening over HTTP (POST /v1/screen/batch: JSON lines
// in, JSON lines streamed out) against the CLI's batch of the same rows,
// a body far larger than any one piece the server reads, and SIGTERM while
// such streams are in flight: they finish with 200 and the server exits 0.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// A POST whose body is sent on one thread while the answer is read on
// another, as a streaming client must (the server answers rows before the
// body ends; a client that reads only after sending everything would stall
// once the socket buffers fill). started, when given, is raised once the
// response head has arrived.
HttpResult StreamPost(int port, const std::string& target, const std::string& token,
                      const std::string& body, std::atomic<int>* started = nullptr) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  std::string head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                     "Content-Type: application/x-ndjson\r\n" +
                     (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") +
                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  int fd = socket.native_handle();
  std::thread writer([fd, request = head + body] {
    size_t sent = 0;
    while (sent < request.size()) {
      ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  });
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  http::read_header(socket, buffer, parser, ec);
  if (started) ++*started;
  if (!ec) http::read(socket, buffer, parser, ec);
  writer.join();
  HttpResult result;
  if (ec && !parser.is_header_done()) return result;  // status 0
  result.status = parser.get().result_int();
  result.body = parser.get().body();
  if (ec) result.body += "\n(read error: " + ec.message() + ")";
  return result;
}

std::vector<json> Lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line, nullptr, false));
  return out;
}

// n rows, one JSON object a line; every 7th a known listed name.
std::string GeneratedRows(int n) {
  std::string body;
  for (int i = 0; i < n; ++i)
    body += i % 7 == 0 ? R"({"id": "r)" + std::to_string(i) +
                             R"(", "name": "Karim Yousufzai"})"
                             "\n"
                       : R"({"id": "r)" + std::to_string(i) + R"(", "name": "Person )" +
                             std::to_string(i) +
                             R"( Example", "kind": "person"})"
                             "\n";
  return body;
}

class ServerBatchTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    auto un = Vigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml"});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    screener_ = Token("desk-1", "screener");
    reader_ = Token("intern", "reader");
  }
  std::string screener_, reader_;
};

TEST_F(ServerBatchTest, RowsAreScreenedAsTheCliScreensThemInInputOrder) {
  const std::string rows = R"({"id": "a", "name": "Karim Yousufzai", "kind": "person"})"
                           "\n"
                           R"({"id": "b", "name": ""})"
                           "\n"
                           "this is not json\n"
                           "\n"
                           R"({"id": "c", "name": "Northern Front", "kind": "organization"})"
                           "\n"
                           R"({"id": "d", "name": "Nobody In Particular", "country": "Atlantis"})"
                           "\n";
  WriteFile("rows.jsonl", rows);
  auto cli = Vigil(
      {"screen", "--input", data_ + "/rows.jsonl", "--output", dir_ + "/out.jsonl", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  json cli_summary = json::parse(cli.out);
  std::ifstream cli_out(dir_ + "/out.jsonl");
  std::stringstream cli_text;
  cli_text << cli_out.rdbuf();
  std::vector<json> expected = Lines(cli_text.str());

  ServerProcess server({"--db", db_, "--quiet"});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = StreamPost(server.port(), "/v1/screen/batch", screener_, rows);
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<json> got = Lines(r.body);
  ASSERT_EQ(got.size(), expected.size() + 1) << r.body;  // and the summary
  // The known answers: line 1 meets TAi.901, line 5 the curated group and
  // the UN entity; line 6 is screened without its country.
  ASSERT_EQ(expected.size(), 3u);
  EXPECT_EQ(got[0]["line"], 1);
  EXPECT_EQ(got[0]["id"], "a");
  ASSERT_FALSE(got[0]["hits"].empty());
  EXPECT_EQ(got[0]["hits"][0]["references"][0], "TAi.901");
  EXPECT_EQ(got[1]["line"], 5);
  EXPECT_EQ(got[2]["line"], 6);
  EXPECT_TRUE(got[2]["hits"].empty());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(got[i]["line"], expected[i]["line"]);
    EXPECT_EQ(got[i]["input"], expected[i]["input"]);
    ASSERT_EQ(got[i]["hits"].size(), expected[i]["hits"].size()) << i;
    for (size_t h = 0; h < expected[i]["hits"].size(); ++h) {
      EXPECT_EQ(got[i]["hits"][h]["entity"], expected[i]["hits"][h]["entity"]);
      EXPECT_DOUBLE_EQ(got[i]["hits"][h]["score"].get<double>(),
                       expected[i]["hits"][h]["score"].get<double>());
    }
  }
  // The summary: counts and problems as the CLI reports them, with the
  // body in place of the file's name.
  json summary = got.back()["summary"];
  ASSERT_TRUE(summary.is_object()) << r.body;
  EXPECT_EQ(summary["rows"], cli_summary["rows"]);
  EXPECT_EQ(summary["screened"], 3);
  EXPECT_EQ(summary["rows_with_hits"], cli_summary["rows_with_hits"]);
  EXPECT_EQ(summary["hits"], cli_summary["hits"]);
  std::vector<std::string> problems = summary["problems"];
  std::vector<std::string> cli_problems = cli_summary["problems"];
  ASSERT_EQ(problems.size(), cli_problems.size());
  const std::string file = data_ + "/rows.jsonl";
  for (size_t i = 0; i < problems.size(); ++i) {
    std::string want = cli_problems[i];
    ASSERT_EQ(want.rfind(file, 0), 0u) << want;
    EXPECT_EQ(problems[i], "body" + want.substr(file.size()));
  }
  EXPECT_EQ(problems.size(), 3u);  // line 2 (no name), line 3 (not JSON), line 6 (country)

  // Options as query parameters; errors before the stream as JSON errors.
  auto strict =
      StreamPost(server.port(), "/v1/screen/batch?threshold=0.99&name_column=name", screener_,
                 R"({"name": "Karim Yusufzai"})"
                 "\n");
  ASSERT_EQ(strict.status, 200) << strict.body;
  EXPECT_EQ(Lines(strict.body).back()["summary"]["threshold"], 0.99);
  auto bad = StreamPost(server.port(), "/v1/screen/batch?threshold=2", screener_, "{}\n");
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto forbidden = StreamPost(server.port(), "/v1/screen/batch", reader_, "{}\n");
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(server.Stop(), 0) << server.log();

  // One audit row per batch, with counts and list versions, no names: the
  // CLI's batch above (actor "cli") and the two over HTTP.
  auto audit = Vigil({"audit", "export", "--format", "jsonl"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  std::vector<json> batches;
  int cli_batches = 0;
  for (auto& row : Lines(audit.out)) {
    if (row["action"] != "screen_batch") continue;
    if (row["actor"] == "cli") ++cli_batches;
    else batches.push_back(row);
  }
  EXPECT_EQ(cli_batches, 1) << audit.out;
  ASSERT_EQ(batches.size(), 2u) << audit.out;
  EXPECT_EQ(batches[0]["actor"], "desk-1");
  EXPECT_EQ(batches[0]["detail"]["rows"], 5);  // the blank line is no row
  EXPECT_EQ(batches[0]["detail"]["screened"], 3);
  EXPECT_EQ(batches[0]["detail"]["complete"], true);
  EXPECT_FALSE(batches[0]["detail"]["lists"].empty());
  EXPECT_EQ(audit.out.find("Yousufzai"), std::string::npos);
}

TEST_F(ServerBatchTest, ALargeBodyIsStreamedRowByRowInOrder) {
  constexpr int kRows = 20000;
  ServerProcess server({"--db", db_, "--quiet"});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = StreamPost(server.port(), "/v1/screen/batch?top=1", screener_, GeneratedRows(kRows));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  std::vector<json> got = Lines(r.body);
  ASSERT_EQ(got.size(), static_cast<size_t>(kRows) + 1);
  int with_hits = 0;
  for (int i = 0; i < kRows; ++i) {
    ASSERT_EQ(got[i]["line"], i + 1);
    ASSERT_EQ(got[i]["id"], fmt::format("r{}", i));
    if (!got[i]["hits"].empty()) {
      ++with_hits;
      EXPECT_EQ(i % 7, 0) << got[i].dump();
    }
  }
  EXPECT_EQ(with_hits, (kRows + 6) / 7);
  EXPECT_EQ(got.back()["summary"]["screened"], kRows);
  EXPECT_EQ(got.back()["summary"]["rows_with_hits"], with_hits);
  EXPECT_EQ(server.Stop(), 0) << server.log();
}

TEST_F(ServerBatchTest, SigtermLetsStreamsAndRequestsInFlightFinishThenExitsZero) {
  constexpr int kStreams = 3, kRows = 6000;
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  const std::string body = GeneratedRows(kRows);
  std::atomic<int> started{0};
  std::vector<HttpResult> streams(kStreams);
  std::vector<std::thread> threads;
  for (int i = 0; i < kStreams; ++i)
    threads.emplace_back([&, i] {
      streams[i] = StreamPost(server.port(), "/v1/screen/batch", screener_, body, &started);
    });
  // Ordinary requests too, each its own connection, running until the
  // server stops taking new ones.
  std::atomic<bool> stop{false};
  std::atomic<int> exposures_ok{0};
  std::thread ordinary([&] {
    while (!stop) {
      try {
        auto r = server.Get("/v1/exposure/karim-yusufzai", reader_);
        if (r.status == 200) ++exposures_ok;
      } catch (const std::exception&) {
        break;  // refused: the server has stopped listening
      }
    }
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (started < kStreams && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(started, kStreams);
  auto signalled = std::chrono::steady_clock::now();
  int code = server.Stop();  // SIGTERM, then wait for the exit
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
  stop = true;
  for (auto& t : threads) t.join();
  ordinary.join();
  EXPECT_EQ(code, 0) << server.log();
  EXPECT_LT(seconds, 30.0);  // the drain timeout; in practice the streams' time
  for (int i = 0; i < kStreams; ++i) {
    ASSERT_EQ(streams[i].status, 200) << i;
    std::vector<json> got = Lines(streams[i].body);
    ASSERT_EQ(got.size(), static_cast<size_t>(kRows) + 1) << i << ": " << got.back().dump();
    EXPECT_EQ(got.back()["summary"]["screened"], kRows) << i;
  }
  EXPECT_GT(exposures_ok, 0);
  EXPECT_NE(server.log().find("vigil: stopped"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace vigil::e2e
