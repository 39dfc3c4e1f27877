// A real `vigil serve` for end-to-end tests: started on a free loopback
// port (--listen 127.0.0.1:0; the port is read from what it prints), spoken
// to over HTTP/1.1, stopped with SIGTERM.
//
//   ServerProcess server({"--db", db});
//   ASSERT_TRUE(server.Start()) << server.log();
//   auto r = server.Get("/v1/entities/northern-front", token);
//   EXPECT_EQ(r.status, 200);
//   EXPECT_EQ(server.Stop(), 0);   // the exit code after SIGTERM
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace vigil::e2e {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  nlohmann::json Json() const;  // the body parsed (null when it is not JSON)
};

class ServerProcess {
 public:
  // command: the subcommand that serves ({"psi", "serve"} for a private
  // matching server).
  explicit ServerProcess(std::vector<std::string> args,
                         std::vector<std::string> command = {"serve"});
  ~ServerProcess();  // SIGKILL when still running

  // Starts and waits until the server listens (up to 60 s). False when it
  // exited or printed no port; log() says why.
  bool Start();
  // Polls /readyz until it answers 200 (up to 60 s): the screening lists
  // are loaded after the server starts listening.
  bool WaitUntilReady();
  // SIGTERM, then waits; the exit code (-signal when killed).
  int Stop();
  // Everything it printed on stderr so far.
  std::string log() const;
  int port() const { return port_; }
  int pid() const { return pid_; }

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& token = "", const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult Get(const std::string& target, const std::string& token = "") {
    return Request("GET", target, token);
  }
  HttpResult Post(const std::string& target, const std::string& token, const std::string& body) {
    return Request("POST", target, token, body, {{"Content-Type", "application/json"}});
  }

 private:
  std::vector<std::string> args_;
  std::vector<std::string> command_;
  int pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

}  // namespace vigil::e2e
