// HttpServer: acceptor, sessions (one strand each), streamed bodies on a
// worker pool, graceful shutdown.
#include "server/http/server.h"

#include <fmt/format.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/http/compression.h"

namespace vigil::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t kStreamBuffer = 64 * 1024;
// Lines read ahead of the screening of a streamed body before reading waits.
constexpr size_t kMaxQueuedLines = 16384;
// Bodies below this are sent as they are (gzip's header and the CPU cost
// outweigh the bytes saved); from kCompressOnTheFlyMin an answer that was not
// compressed ahead (a cached one is) is compressed at zlib's fastest level
// for clients that accept gzip.
constexpr size_t kCompressMin = 1024;
constexpr size_t kCompressOnTheFlyMin = 64 * 1024;
constexpr std::uint64_t kNoBodyLimit = std::numeric_limits<std::uint64_t>::max();

}  // namespace

class Session;

class HttpServer::Impl {
 public:
  Impl(ServerOptions o, const Router& r, Guard g)
      : options(std::move(o)), router(r), guard(std::move(g)) {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    threads = options.threads > 0 ? options.threads : static_cast<int>(cores);
    workers = std::make_unique<asio::thread_pool>(
        options.stream_workers > 0 ? options.stream_workers : static_cast<int>(cores));
  }

  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void BeginStop();
  void SessionClosed();
  void Log(const AccessRecord& record) {
    if (access_log) access_log(record);
  }

  ServerOptions options;
  const Router& router;
  Guard guard;
  int threads = 1;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<asio::signal_set> signals;
  std::unique_ptr<asio::thread_pool> workers;
  asio::steady_timer drain_timer{ioc};
  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0};
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::function<void(const AccessRecord&)> access_log;
};

// One connection. Every handler runs on the connection's strand, so the
// members need no locks; streamed batches are processed on the worker pool
// and their output posted back to the strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl& server, bool reject)
      : stream_(std::move(socket)), server_(server), reject_(reject) {
    ++server_.connections;
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.erase(this);
    }
    server_.SessionClosed();
  }

  void Start() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions[this] = weak_from_this();
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reject_) {
        self->started_ = Clock::now();
        self->request_.method = "-";
        self->Send(ErrorResponse(503, "unavailable", "too many open connections; try again later"),
                   true);
        return;
      }
      self->ReadHead();
    });
  }

  // At shutdown: a connection waiting for its next request is closed now;
  // one in the middle of a request finishes it first.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->Close();
    });
  }

 private:
  void ReadHead() {
    idle_ = true;
    if (server_.stopping) return Close();
    request_ = Request();
    keep_alive_ = false;
    head_.emplace();
    head_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    // The body's limit depends on the route, known only once the head is
    // read; OnHead checks a declared length against it, ReadBody the rest.
    // (Not boost::none: Boost 1.74 compares a declared length with an empty
    // optional as greater and refuses every body.)
    head_->body_limit(kNoBodyLimit);
    stream_.expires_after(buffer_.size() > 0 ? server_.options.read_timeout
                                             : server_.options.idle_timeout);
    http::async_read_header(stream_, buffer_, *head_,
                            beast::bind_front_handler(&Session::OnHead, shared_from_this()));
  }

  void OnHead(beast::error_code ec, size_t) {
    started_ = Clock::now();
    if (ec) {
      if (ec == http::error::end_of_stream || ec == asio::error::eof ||
          ec == asio::error::operation_aborted || ec == asio::error::connection_reset)
        return Close();
      // A timeout closes the stream (beast::tcp_stream): nothing can be
      // answered. An idle keep-alive connection ends quietly; a request that
      // did not arrive in time is logged.
      if (ec == beast::error::timeout) {
        if (buffer_.size() > 0) {
          request_.method = "-";
          status_ = 408;
          Finished("the request head did not arrive in time");
        }
        return Close();
      }
      request_.method = "-";
      if (ec == http::error::header_limit)
        return Send(ErrorResponse(431, "header_too_large",
                                  fmt::format("the request head is larger than {} bytes",
                                              server_.options.header_limit)),
                    true);
      return Send(ErrorResponse(400, "malformed_request",
                                fmt::format("malformed HTTP request: {}", ec.message())),
                  true);
    }
    idle_ = false;
    auto& head = head_->get();
    body_pending_ = head_->content_length().value_or(0) > 0 || head_->chunked();
    keep_alive_ = head.keep_alive();
    request_.method = std::string(head.method_string());
    request_.target = std::string(head.target());
    std::string_view target = request_.target;
    size_t question = target.find('?');
    if (!PercentDecode(target.substr(0, question), false, &request_.path) ||
        request_.path.empty() || request_.path.front() != '/' ||
        (question != std::string_view::npos &&
         !ParseQuery(target.substr(question + 1), &request_.query)))
      return Send(ErrorResponse(400, "malformed_request",
                                "the request target is not a valid path and query (percent-"
                                "encoded UTF-8)"),
                  body_pending_);
    for (const auto& field : head)
      request_.headers[std::string(field.name_string())] = std::string(field.value());
    request_.remote = remote_;

    auto match = server_.router.Find(request_.method, request_.path);
    if (!match.route) {
      if (!match.allowed.empty()) {
        Response r = ErrorResponse(
            405, "method_not_allowed",
            fmt::format("{} does not accept {}", request_.path, request_.method));
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        r.headers.emplace_back("Allow", allow);
        return Send(std::move(r), body_pending_);
      }
      return Send(ErrorResponse(404, "not_found", fmt::format("no such resource: {}", request_.path)),
                  body_pending_);
    }
    route_ = match.route;
    request_.params = std::move(match.params);
    if (server_.guard) {
      std::optional<Response> refused;
      try {
        refused = server_.guard(request_, *route_);
      } catch (const std::exception& e) {
        note_ = e.what();
        refused = ErrorResponse(500, "internal", "internal error");
      }
      if (refused) return Send(std::move(*refused), body_pending_);
    }
    if (route_->stream_handler) return StartStream();
    if (!body_pending_) return Handle();
    // The parser checks a declared length against its limit only while it
    // reads the head, which happened before the route was known.
    if (head_->content_length().value_or(0) > route_->body_limit)
      return Send(ErrorResponse(413, "too_large",
                                fmt::format("the request body is larger than {} bytes",
                                            route_->body_limit)),
                  true);
    ContinueThen([self = shared_from_this()] { self->ReadBody(); });
  }

  // Answers "Expect: 100-continue" before the body is read.
  void ContinueThen(std::function<void()> next) {
    auto expect = request_.Header("Expect");
    if (!expect || beast::iequals(*expect, "100-continue") == false) return next();
    auto response = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response, next = std::move(next)](
                          beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        next();
                      });
  }

  void ReadBody() {
    body_.emplace(std::move(*head_));
    body_->body_limit(route_->body_limit);
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(stream_, buffer_, *body_,
                     beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec) {
      if (ec == http::error::body_limit)
        return Send(ErrorResponse(413, "too_large",
                                  fmt::format("the request body is larger than {} bytes",
                                              route_->body_limit)),
                    true);
      if (ec == beast::error::timeout) {
        status_ = 408;
        return Abort("the request body did not arrive in time");
      }
      if (ec == http::error::end_of_stream || ec == asio::error::eof ||
          ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
        return Close();
      return Send(ErrorResponse(400, "malformed_request",
                                fmt::format("malformed request body: {}", ec.message())),
                  true);
    }
    body_pending_ = false;
    request_.body = std::move(body_->get().body());
    Handle();
  }

  void Handle() {
    Response response;
    try {
      response = route_->handler(request_);
    } catch (const std::exception& e) {
      note_ = e.what();
      response = ErrorResponse(500, "internal", "internal error");
    }
    Send(std::move(response), body_pending_);
  }

  void Send(Response response, bool close) {
    // What goes on the wire: the body as it is, or its gzip form when the
    // client accepts gzip and the body is text worth compressing (kept
    // compressed already when it is a cached answer; compressed here, fast,
    // when it is large).
    std::shared_ptr<const std::string> payload = std::move(response.shared_body);
    if (!payload) payload = std::make_shared<const std::string>(std::move(response.body));
    bool compressible = payload->size() >= kCompressMin && IsCompressible(response.content_type);
    bool gzip = false;
    if (compressible && AcceptsGzip(request_.Header("Accept-Encoding").value_or(""))) {
      if (!response.gzip_body && payload->size() >= kCompressOnTheFlyMin)
        response.gzip_body = std::make_shared<const std::string>(Gzip(*payload, 1));
      if (response.gzip_body) {
        payload = std::move(response.gzip_body);
        gzip = true;
      }
    }
    auto message = std::make_shared<http::response<http::span_body<const char>>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    message->set(http::field::server, "vigil");
    if (!response.content_type.empty()) message->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    if (compressible) message->set(http::field::vary, "Accept-Encoding");
    if (gzip) message->set(http::field::content_encoding, "gzip");
    message->body() = beast::span<const char>(payload->data(), payload->size());
    bool keep_alive = !close && !server_.stopping && keep_alive_;
    message->keep_alive(keep_alive);
    message->prepare_payload();
    if (request_.method == "HEAD") message->body() = beast::span<const char>();
    status_ = response.status;
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message, payload, keep_alive](
                          beast::error_code ec, size_t bytes) {
                        self->bytes_sent_ += bytes;
                        self->Finished(ec ? "write failed: " + ec.message() : "");
                        if (ec || !keep_alive) return self->Close();
                        self->body_.reset();
                        self->ReadHead();
                      });
  }

  void StartStream() {
    std::optional<Response> error;
    try {
      processor_ = route_->stream_handler(request_, &error);
    } catch (const std::exception& e) {
      note_ = e.what();
      error = ErrorResponse(500, "internal", "internal error");
    }
    if (!processor_) {
      if (!error) error = ErrorResponse(500, "internal", "internal error");
      return Send(std::move(*error), body_pending_);
    }
    ContinueThen([self = shared_from_this()] { self->WriteStreamHead(); });
  }

  void WriteStreamHead() {
    stream_parser_.emplace(std::move(*head_));
    stream_parser_->body_limit(kNoBodyLimit);
    stream_head_ = std::make_shared<http::response<http::empty_body>>(http::status::ok, 11);
    stream_head_->set(http::field::server, "vigil");
    stream_head_->set(http::field::content_type, route_->stream_content_type);
    stream_head_->chunked(true);
    stream_keep_alive_ = !server_.stopping && keep_alive_;
    stream_head_->keep_alive(stream_keep_alive_);
    status_ = 200;
    serializer_.emplace(*stream_head_);
    stream_.expires_after(server_.options.write_timeout);
    http::async_write_header(stream_, *serializer_,
                             [self = shared_from_this()](beast::error_code ec, size_t bytes) {
                               self->bytes_sent_ += bytes;
                               if (ec) return self->Abort("write failed: " + ec.message());
                               self->input_done_ = !self->body_pending_;
                               self->Pump();
                             });
  }

  // Starts what can start now: screening the lines read so far, one piece
  // at a time so that answers leave in order, and reading on while that
  // runs, up to kMaxQueuedLines waiting lines: the network and the workers
  // overlap instead of taking turns.
  void Pump() {
    if (closed_) return;
    if (!processing_ && (!lines_.empty() || (input_done_ && !finish_started_)))
      ProcessLines(input_done_);
    if (!reading_ && !input_done_ && lines_.size() < kMaxQueuedLines) ReadStreamChunk();
  }

  void ReadStreamChunk() {
    reading_ = true;
    chunk_.resize(kStreamBuffer);
    auto& body = stream_parser_->get().body();
    body.data = chunk_.data();
    body.size = chunk_.size();
    body.more = true;
    stream_.expires_after(server_.options.read_timeout);
    http::async_read_some(stream_, buffer_, *stream_parser_,
                          beast::bind_front_handler(&Session::OnStreamChunk, shared_from_this()));
  }

  void OnStreamChunk(beast::error_code ec, size_t) {
    reading_ = false;
    if (closed_) return;
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      if (ec == beast::error::timeout) return Abort("the request body did not arrive in time");
      return Abort("reading the request body: " + ec.message());
    }
    size_t got = chunk_.size() - stream_parser_->get().body().size;
    pending_.append(chunk_.data(), got);
    const size_t limit = route_->line_limit;
    size_t start = 0;
    for (size_t nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n', start)) {
      size_t end = nl > start && pending_[nl - 1] == '\r' ? nl - 1 : nl;
      if (end - start > limit) {
        line_too_long_ = true;
        break;
      }
      lines_.emplace_back(pending_, start, end - start);
      start = nl + 1;
    }
    pending_.erase(0, start);
    bool done = stream_parser_->is_done();
    if (line_too_long_ || pending_.size() > limit) {
      line_too_long_ = true;
      done = true;
    } else if (done && !pending_.empty()) {
      lines_.push_back(std::move(pending_));
      pending_.clear();
    }
    if (done) input_done_ = true;
    Pump();
  }

  // Processes the lines read so far on the worker pool, then writes what
  // came out and reads on (or ends the stream).
  void ProcessLines(bool done) {
    processing_ = true;
    if (done) finish_started_ = true;
    auto lines = std::make_shared<std::vector<std::string>>(std::move(lines_));
    lines_.clear();
    bool line_too_long = line_too_long_;
    size_t limit = route_->line_limit;
    asio::post(*server_.workers, [self = shared_from_this(), lines, done, line_too_long, limit] {
      auto out = std::make_shared<std::string>();
      try {
        if (!lines->empty()) *out = self->processor_->Process(*lines);
        if (line_too_long)
          *out += JsonResponse(413, Json{{"error",
                                          {{"code", "too_large"},
                                           {"message", fmt::format("a line is longer than {} bytes; "
                                                                   "the stream ends here",
                                                                   limit)}}}})
                      .body;
        if (done) *out += self->processor_->Finish();
      } catch (const std::exception& e) {
        *out += JsonResponse(500, Json{{"error", {{"code", "internal"}, {"message", "internal error"}}}})
                    .body;
        self->note_ = e.what();
      }
      asio::post(self->stream_.get_executor(), [self, out, done] { self->WriteStreamChunk(out, done); });
    });
  }

  void WriteStreamChunk(std::shared_ptr<std::string> out, bool done) {
    if (closed_) return;  // the connection failed while this piece was screened
    auto next = [self = shared_from_this(), done](beast::error_code ec, size_t bytes) {
      self->bytes_sent_ += bytes;
      if (ec) return self->Abort("write failed: " + ec.message());
      self->processing_ = false;
      if (done) return self->EndStream();
      self->Pump();
    };
    if (out->empty()) return next({}, 0);
    stream_.expires_after(server_.options.write_timeout);
    asio::async_write(stream_, http::make_chunk(asio::buffer(*out)),
                      [out, next](beast::error_code ec, size_t bytes) { next(ec, bytes); });
  }

  void EndStream() {
    stream_.expires_after(server_.options.write_timeout);
    asio::async_write(stream_, http::make_chunk_last(),
                      [self = shared_from_this()](beast::error_code ec, size_t bytes) {
                        self->bytes_sent_ += bytes;
                        self->Finished(ec ? "write failed: " + ec.message() : "");
                        bool keep_alive = self->stream_keep_alive_ && !self->line_too_long_ &&
                                          !self->server_.stopping;
                        self->processor_.reset();
                        self->stream_parser_.reset();
                        self->serializer_.reset();
                        self->pending_.clear();
                        if (ec || !keep_alive) return self->Close();
                        self->line_too_long_ = false;
                        self->input_done_ = self->finish_started_ = false;
                        self->ReadHead();
                      });
  }

  void Abort(const std::string& why) {
    if (closed_) return;  // already ended (a read and a write may both fail)
    Finished(why);
    Close();
  }

  void Finished(const std::string& note) {
    AccessRecord record;
    record.remote = remote_;
    record.method = request_.method;
    record.path = request_.path;
    record.status = status_;
    record.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    record.bytes_sent = bytes_sent_;
    record.note = note.empty() ? note_ : note;
    server_.Log(record);
    note_.clear();
    bytes_sent_ = 0;
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  bool reject_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> head_;
  std::optional<http::request_parser<http::string_body>> body_;
  std::optional<http::request_parser<http::buffer_body>> stream_parser_;
  std::shared_ptr<http::response<http::empty_body>> stream_head_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  std::unique_ptr<StreamProcessor> processor_;
  std::vector<char> chunk_;
  std::string pending_;
  std::vector<std::string> lines_;
  bool line_too_long_ = false;
  // The streamed body's pipeline (Pump): a read in flight, a piece being
  // screened or written, the body read to its end, the last piece started.
  bool reading_ = false, processing_ = false, input_done_ = false, finish_started_ = false;
  bool stream_keep_alive_ = false;
  Request request_;
  const Route* route_ = nullptr;
  std::string remote_, note_;
  Clock::time_point started_ = Clock::now();
  int status_ = 0;
  uint64_t bytes_sent_ = 0;
  bool idle_ = true, body_pending_ = false, closed_ = false, keep_alive_ = false;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(ioc),
                        [this](beast::error_code ec, tcp::socket socket) {
                          OnAccept(ec, std::move(socket));
                        });
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping) return;
  if (!ec) {
    bool reject = connections.load() >= options.max_connections;
    std::make_shared<Session>(std::move(socket), *this, reject)->Start();
  }
  // Out of descriptors (EMFILE): wait a little instead of spinning.
  if (ec == asio::error::no_descriptors) {
    auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(50));
    timer->async_wait([this, timer](beast::error_code) {
      if (!stopping) Accept();
    });
    return;
  }
  if (ec == asio::error::operation_aborted) return;
  Accept();
}

void HttpServer::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  beast::error_code ec;
  acceptor.close(ec);
  if (signals) signals->cancel(ec);
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [raw, weak] : sessions)
      if (auto s = weak.lock()) open.push_back(std::move(s));
  }
  for (auto& s : open) s->CloseIfIdle();
  if (connections.load() == 0) return;
  drain_timer.expires_after(options.drain_timeout);
  drain_timer.async_wait([this](beast::error_code wait_error) {
    if (!wait_error) ioc.stop();  // connections that would not finish
  });
}

void HttpServer::Impl::SessionClosed() {
  size_t left = --connections;
  if (stopping && left == 0)
    asio::post(ioc, [this] { drain_timer.cancel(); });
}

HttpServer::HttpServer(ServerOptions options, const Router& router, Guard guard)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(guard))) {}

HttpServer::~HttpServer() {
  impl_->ioc.stop();
  impl_->workers->join();
}

Status HttpServer::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec)
    return absl::InvalidArgumentError(
        fmt::format("listen: '{}' is not an IP address", impl_->options.host));
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return absl::InvalidArgumentError(fmt::format("listen: cannot listen on {}:{}: {}",
                                                  impl_->options.host, impl_->options.port,
                                                  ec.message()));
  return absl::OkStatus();
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void HttpServer::Run() {
  impl_->Accept();
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->threads; ++i) extra.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : extra) t.join();
  impl_->workers->join();
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [this] { impl_->BeginStop(); });
}

void HttpServer::StopOnSignals() {
  impl_->signals.emplace(impl_->ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginStop();
  });
}

void HttpServer::set_access_log(std::function<void(const AccessRecord&)> log) {
  impl_->access_log = std::move(log);
}

size_t HttpServer::open_connections() const { return impl_->connections.load(); }

}  // namespace vigil::server
