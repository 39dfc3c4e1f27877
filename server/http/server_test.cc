// The HTTP transport, tested as a real server on a loopback port: a client
// speaks raw HTTP/1.1 to it over a socket.
#include "server/http/server.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace vigil::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Upper-cases every line, and counts them at the end.
class UpperProcessor : public StreamProcessor {
 public:
  std::string Process(const std::vector<std::string>& lines) override {
    std::string out;
    for (const auto& line : lines) {
      std::string upper = line;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += upper + "\n";
      ++count_;
    }
    return out;
  }
  std::string Finish() override { return "lines=" + std::to_string(count_) + "\n"; }

 private:
  size_t count_ = 0;
};

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    router_.Get("/hello/{name}", [](Request& r) {
      return JsonResponse(200, Json{{"hello", r.Param("name")}, {"q", r.Query("q").value_or("")}});
    });
    router_.Post("/echo", [](Request& r) {
      Response response;
      response.content_type = "text/plain";
      response.body = r.body;
      return response;
    }).body_limit = 1000;
    router_.Post("/count", [](Request& r) {
      return JsonResponse(200, Json{{"bytes", r.body.size()}});
    }).body_limit = 4 << 20;
    router_.Get("/throw", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
    router_.Get("/slow", [this](Request&) {
      {
        std::unique_lock lock(mutex_);
        slow_started_ = true;
        changed_.notify_all();
        changed_.wait(lock, [&] { return slow_release_; });
      }
      return JsonResponse(200, Json{{"slow", true}});
    });
    router_.Stream("/upper", [](Request& r, std::optional<Response>* error)
                                 -> std::unique_ptr<StreamProcessor> {
      if (r.Query("fail")) {
        *error = ErrorResponse(422, "invalid_field", "fail: asked to fail");
        return nullptr;
      }
      return std::make_unique<UpperProcessor>();
    }).line_limit = 100;
    server_ = std::make_unique<HttpServer>(options, router_);
    server_->set_access_log([this](const AccessRecord& r) {
      std::lock_guard lock(mutex_);
      log_.push_back(r);
    });
    ASSERT_TRUE(server_->Listen().ok());
    port_ = server_->port();
    ASSERT_NE(port_, 0);
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) {
      {
        std::lock_guard lock(mutex_);
        slow_release_ = true;
        changed_.notify_all();
      }
      server_->Stop();
      thread_.join();
    }
  }

  tcp::socket Connect() {
    tcp::socket socket(io_);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
    return socket;
  }
  static void SendRaw(tcp::socket& socket, const std::string& bytes) {
    asio::write(socket, asio::buffer(bytes));
  }
  static http::response<http::string_body> ReadResponse(tcp::socket& socket,
                                                         beast::flat_buffer& buffer) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    http::read(socket, buffer, parser);
    return parser.release();
  }
  http::response<http::string_body> Exchange(const std::string& raw) {
    auto socket = Connect();
    SendRaw(socket, raw);
    beast::flat_buffer buffer;
    return ReadResponse(socket, buffer);
  }
  // True when the server closed the connection (a read returns EOF).
  static bool Closed(tcp::socket& socket) {
    char byte;
    beast::error_code ec;
    socket.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  asio::io_context io_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool slow_started_ = false, slow_release_ = false;
  std::vector<AccessRecord> log_;
};

TEST_F(ServerTest, KeepAliveAnswersRequestsInOrderOnOneConnection) {
  StartServer();
  auto socket = Connect();
  // Two pipelined requests in one write.
  SendRaw(socket,
          "GET /hello/a%20b?q=x%2By+z HTTP/1.1\r\nHost: t\r\n\r\n"
          "GET /hello/second HTTP/1.1\r\nHost: t\r\n\r\n");
  beast::flat_buffer buffer;
  auto first = ReadResponse(socket, buffer);
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_EQ(Json::parse(first.body()), (Json{{"hello", "a b"}, {"q", "x+y z"}}));
  EXPECT_TRUE(first.keep_alive());
  auto second = ReadResponse(socket, buffer);
  EXPECT_EQ(Json::parse(second.body())["hello"], "second");
}

TEST_F(ServerTest, UnknownPathsAndMethodsAreJsonErrors) {
  StartServer();
  auto missing = Exchange("GET /nothing HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(Json::parse(missing.body())["error"]["code"], "not_found");
  auto wrong = Exchange("DELETE /echo HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(wrong.result_int(), 405);
  EXPECT_EQ(wrong[http::field::allow], "POST");
}

TEST_F(ServerTest, MalformedRequestsGet400AndAreClosed) {
  StartServer();
  auto socket = Connect();
  SendRaw(socket, "THIS IS NOT HTTP\r\n\r\n");
  beast::flat_buffer buffer;
  auto r = ReadResponse(socket, buffer);
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(Json::parse(r.body())["error"]["code"], "malformed_request");
  EXPECT_TRUE(Closed(socket));
  // A percent escape that is not UTF-8.
  EXPECT_EQ(Exchange("GET /hello/%FF HTTP/1.1\r\nHost: t\r\n\r\n").result_int(), 400);
  EXPECT_EQ(Exchange("GET /hello/x?q=%G1 HTTP/1.1\r\nHost: t\r\n\r\n").result_int(), 400);
}

TEST_F(ServerTest, BodiesOverTheRouteLimitGet413) {
  StartServer();
  auto ok = Exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(ok.result_int(), 200);
  EXPECT_EQ(ok.body(), "hello");
  std::string big(1001, 'x');
  auto socket = Connect();
  SendRaw(socket, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n" + big);
  beast::flat_buffer buffer;
  auto r = ReadResponse(socket, buffer);
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_EQ(Json::parse(r.body())["error"]["code"], "too_large");
}

TEST_F(ServerTest, RoutesMayAcceptBodiesOverTheParsersDefault) {
  StartServer();
  // Beast's parser refuses bodies over 1 MiB unless told otherwise; a route
  // with a larger limit must get them, whether declared or streamed.
  std::string big(2 << 20, 'x');
  auto declared = Exchange("POST /count HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                           std::to_string(big.size()) + "\r\n\r\n" + big);
  EXPECT_EQ(declared.result_int(), 200);
  EXPECT_EQ(Json::parse(declared.body())["bytes"], big.size());
  std::string lines;
  while (lines.size() < (2u << 20)) lines += "abcdefghijklmnopqrstuvwxyz\n";
  auto streamed = Exchange("POST /upper HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                           std::to_string(lines.size()) + "\r\n\r\n" + lines);
  EXPECT_EQ(streamed.result_int(), 200);
  EXPECT_NE(streamed.body().find("lines=" + std::to_string(lines.size() / 27)), std::string::npos);
}

TEST_F(ServerTest, OversizedHeadsGet431) {
  ServerOptions options;
  options.header_limit = 512;
  StartServer(options);
  auto r = Exchange("GET /hello/a HTTP/1.1\r\nHost: t\r\nX-Pad: " + std::string(2000, 'p') + "\r\n\r\n");
  EXPECT_EQ(r.result_int(), 431);
}

TEST_F(ServerTest, HandlerExceptionsAre500WithoutTheirText) {
  StartServer();
  auto r = Exchange("GET /throw HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(r.result_int(), 500);
  EXPECT_EQ(r.body().find("secret detail"), std::string::npos);
  TearDown();
  server_.reset();
  ASSERT_FALSE(log_.empty());
  EXPECT_EQ(log_.back().status, 500);
  EXPECT_EQ(log_.back().note, "secret detail");
}

TEST_F(ServerTest, TheAccessLogNeverCarriesQueriesOrBodies) {
  StartServer();
  Exchange("GET /hello/x?q=Sirajuddin%20Haqqani HTTP/1.1\r\nHost: t\r\n\r\n");
  Exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 7\r\n\r\nHaqqani");
  TearDown();
  server_.reset();
  ASSERT_EQ(log_.size(), 2u);
  for (const auto& r : log_) {
    EXPECT_EQ(r.path.find("Haqqani"), std::string::npos);
    EXPECT_EQ(r.note.find("Haqqani"), std::string::npos);
  }
  // Each is logged once its answer is written, which may come after the
  // client read it: in either order.
  std::set<std::string> paths = {log_[0].path, log_[1].path};
  EXPECT_EQ(paths, (std::set<std::string>{"/hello/x", "/echo"}));
}

TEST_F(ServerTest, IdleConnectionsAreClosedAfterTheTimeout) {
  ServerOptions options;
  options.idle_timeout = std::chrono::milliseconds(200);
  StartServer(options);
  auto socket = Connect();
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(Closed(socket));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(ServerTest, SlowRequestsAreCutOffAndLogged) {
  ServerOptions options;
  options.read_timeout = std::chrono::milliseconds(200);
  StartServer(options);
  auto socket = Connect();
  auto start = std::chrono::steady_clock::now();
  SendRaw(socket, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_TRUE(Closed(socket));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  TearDown();
  server_.reset();
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_EQ(log_[0].status, 408);
}

TEST_F(ServerTest, StreamedBodiesAreAnsweredLineByLine) {
  StartServer();
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "line " + std::to_string(i) + (i % 2 ? "\r\n" : "\n");
  body += "last without newline";
  auto socket = Connect();
  SendRaw(socket, "POST /upper HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body);
  beast::flat_buffer buffer;
  auto r = ReadResponse(socket, buffer);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_TRUE(r.chunked());
  EXPECT_EQ(r[http::field::content_type], "application/x-ndjson");
  const std::string& out = r.body();
  EXPECT_EQ(out.substr(0, 7), "LINE 0\n");
  EXPECT_NE(out.find("\nLINE 19999\nLAST WITHOUT NEWLINE\nlines=20001\n"), std::string::npos);
  // The connection stays usable.
  SendRaw(socket, "GET /hello/again HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(Json::parse(ReadResponse(socket, buffer).body())["hello"], "again");
}

TEST_F(ServerTest, StreamedChunkedUploadsWork) {
  StartServer();
  auto socket = Connect();
  SendRaw(socket,
          "POST /upper HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
          "4\r\nab\nc\r\n3\r\nd\ne\r\n0\r\n\r\n");
  beast::flat_buffer buffer;
  auto r = ReadResponse(socket, buffer);
  EXPECT_EQ(r.body(), "AB\nCD\nE\nlines=3\n");
}

TEST_F(ServerTest, StreamsRefuseBeforeStartingOrEndOnOverlongLines) {
  StartServer();
  auto refused = Exchange("POST /upper?fail=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\na\n");
  EXPECT_EQ(refused.result_int(), 422);
  auto r = Exchange("POST /upper HTTP/1.1\r\nHost: t\r\nContent-Length: 206\r\n\r\nok\n" +
                   std::string(203, 'x'));
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body().substr(0, 3), "OK\n");
  EXPECT_NE(r.body().find("\"too_large\""), std::string::npos);
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
  StartServer();
  auto socket = Connect();
  SendRaw(socket, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> interim;
  http::read_header(socket, buffer, interim);
  EXPECT_EQ(interim.get().result_int(), 100);
  SendRaw(socket, "hi");
  EXPECT_EQ(ReadResponse(socket, buffer).body(), "hi");
}

TEST_F(ServerTest, TooManyConnectionsGet503) {
  ServerOptions options;
  options.max_connections = 2;
  StartServer(options);
  auto a = Connect();
  auto b = Connect();
  SendRaw(a, "GET /hello/a HTTP/1.1\r\nHost: t\r\n\r\n");
  SendRaw(b, "GET /hello/b HTTP/1.1\r\nHost: t\r\n\r\n");
  beast::flat_buffer ba, bb;
  ASSERT_EQ(ReadResponse(a, ba).result_int(), 200);
  ASSERT_EQ(ReadResponse(b, bb).result_int(), 200);
  auto c = Connect();
  beast::flat_buffer bc;
  EXPECT_EQ(ReadResponse(c, bc).result_int(), 503);
}

// SIGTERM's path: Stop() lets the request in flight finish and be answered,
// closes idle connections, refuses new ones, and Run() returns.
TEST_F(ServerTest, StopDrainsRequestsInFlight) {
  StartServer();
  auto busy = Connect();
  auto idle = Connect();
  SendRaw(busy, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return slow_started_; });
  }
  server_->Stop();
  EXPECT_TRUE(Closed(idle));
  {
    std::lock_guard lock(mutex_);
    slow_release_ = true;
    changed_.notify_all();
  }
  beast::flat_buffer buffer;
  auto r = ReadResponse(busy, buffer);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_FALSE(r.keep_alive());
  thread_.join();
  server_.reset();
  tcp::socket late(io_);
  beast::error_code ec;
  late.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  EXPECT_TRUE(ec);
}

TEST(RouterTest, CapturesSegmentsAndTheRest) {
  Router router;
  router.Get("/v1/entities/{id}", [](Request&) { return Response(); });
  router.Get("/static/{path...}", [](Request&) { return Response(); });
  router.Post("/match/{dataset}", [](Request&) { return Response(); });
  auto m = router.Find("GET", "/v1/entities/sirajuddin-haqqani");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["id"], "sirajuddin-haqqani");
  m = router.Find("GET", "/static/js/app.js");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["path"], "js/app.js");
  EXPECT_EQ(router.Find("GET", "/v1/entities").route, nullptr);
  EXPECT_EQ(router.Find("GET", "/v1/entities/a/b").route, nullptr);
  m = router.Find("GET", "/match/default");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, std::vector<std::string>{"POST"});
  EXPECT_NE(router.Find("HEAD", "/v1/entities/x").route, nullptr);
}

TEST(QueryTest, DecodesAndRefusesBadEscapes) {
  std::vector<std::pair<std::string, std::string>> q;
  ASSERT_TRUE(ParseQuery("a=1&b=x+y%20z&c&name=%D8%AD%D9%82%D8%A7%D9%86%D9%8A", &q));
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[1].second, "x y z");
  EXPECT_EQ(q[2].first, "c");
  EXPECT_EQ(q[3].second, "حقاني");
  EXPECT_FALSE(ParseQuery("a=%", &q));
  EXPECT_FALSE(ParseQuery("a=%C3", &q));  // a lone lead byte is not UTF-8
  Request r;
  r.query = {{"countries", "af,pk"}, {"countries", "ir"}};
  EXPECT_EQ(r.QueryAll("countries"), (std::vector<std::string>{"af", "pk", "ir"}));
}

}  // namespace
}  // namespace vigil::server
