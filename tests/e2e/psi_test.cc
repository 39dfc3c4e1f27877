// End to end: private watchlist matching over files with the real CLI, the
// list holder's store holding the UN consolidated list: what the querier
// learns, what neither side's files and logs hold, and the refusals
// (another epoch, a request past the cap, a tampered element).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture.h"
#include "server_process.h"
#include "vigil/base/file.h"

namespace vigil::e2e {
namespace {

class PsiTest : public SharedDatabaseTest<PsiTest> {
 public:
  static std::string Needs() { return SharedDataDir() + "/un/consolidated-2025-04-19.xml"; }
  static std::vector<std::string> LoadPaths() { return {Needs()}; }

 protected:
  std::string Path(const std::string& name) { return dir() + "/" + name; }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(Path(name), std::ios::binary) << text;
  }
  std::string Read(const std::string& name) { return *ReadFile(Path(name)); }
  std::string Audit() { return Vigil({"audit", "export", "--format", "jsonl"}).out; }

  // The querier's request and finish around the holder's respond.
  RunResult Exchange(const std::string& setup, const std::string& travellers,
                     const std::string& tag) {
    auto request =
        RunVigil({"psi", "request", "--input", Path(travellers), "--setup", Path(setup), "--out",
                  Path(tag + "-req.json"), "--state", Path(tag + "-state.json")});
    EXPECT_EQ(request.exit_code, 0) << request.err;
    auto respond = Vigil({"psi", "respond", "--request", Path(tag + "-req.json"), "--out",
                          Path(tag + "-resp.json")});
    if (respond.exit_code != 0) return respond;
    return RunVigil({"psi", "finish", "--state", Path(tag + "-state.json"), "--setup", Path(setup),
                     "--response", Path(tag + "-resp.json"), "--output", Path(tag + "-hits.csv")});
  }
};

TEST_F(PsiTest, TolerantExchangeFindsSpellingsAndScriptsAndLeaksNoOtherName) {
  auto setup = Json({"psi", "export-setup", "--list", "un-consolidated", "--mode", "tolerant",
                     "--out", Path("tolerant-setup.json")});
  EXPECT_EQ(setup["mode"], "tolerant");
  EXPECT_GE(setup["entries"].get<int>(), 4096);  // every name, several keys each, padded
  Write("travellers.csv",
        "id,name\n"
        "p1,Sirajuddin Jallaloudine Haqqani\n"
        "p2,\"HAQQANI, Sirajuddin Jallaloudine\"\n"
        "p3,Serajuddin Jalaluddin Haqani\n"
        "p4,سراج الدين حقاني\n"
        "p5,Johnathan Smithers\n"
        "p6,Marguerite Okonkwo-Laurent\n");
  auto finished = Exchange("tolerant-setup.json", "travellers.csv", "t");
  ASSERT_EQ(finished.exit_code, 0) << finished.err;
  std::string hits = Read("t-hits.csv");
  EXPECT_EQ(hits.rfind("row,name,pseudonym,families,epoch\n", 0), 0u) << hits;
  // Rows are the input's lines: p1 on line 2 ... p4 on line 5, one record
  // among the hits of each (a pair of its parts may reach a relative's).
  std::map<std::string, std::set<int>> rows_of;  // pseudonym -> lines
  std::istringstream lines(hits);
  for (std::string row; std::getline(lines, row);) {
    int line = std::atoi(row.c_str());
    // ...,pseudonym,families,epoch
    auto families = row.rfind(',');
    auto pseudonym = row.rfind(',', row.rfind(',', families - 1) - 1) + 1;
    if (line > 0) rows_of[row.substr(pseudonym, 32)].insert(line);
  }
  EXPECT_TRUE(std::any_of(rows_of.begin(), rows_of.end(), [](const auto& entry) {
    return entry.second == std::set<int>{2, 3, 4, 5};
  })) << hits;
  EXPECT_NE(hits.find(",exact+parts+skeleton+loose+pairs,"), std::string::npos) << hits;
  EXPECT_EQ(hits.find("Smithers"), std::string::npos);
  // Neither the holder's files nor its log hold a traveller's name; the
  // setup holds no listed name.
  for (const auto& text : {Read("t-req.json"), Read("t-resp.json"), Audit()})
    for (const char* name : {"Smithers", "smithers", "Okonkwo", "okonkwo", "Serajuddin"})
      EXPECT_EQ(text.find(name), std::string::npos) << name;
  for (const char* listed : {"HAQQANI", "Haqqani", "haqqani", "TAi.144", "un-tai"})
    EXPECT_EQ(Read("tolerant-setup.json").find(listed), std::string::npos) << listed;
  // What the holder's log says: the setup and the size of the request.
  std::string audit = Audit();
  EXPECT_NE(audit.find("\"action\":\"psi.setup\""), std::string::npos);
  EXPECT_NE(audit.find("\"action\":\"psi.respond\""), std::string::npos);
  EXPECT_NE(audit.find("\"keys\":256"), std::string::npos) << audit;
  EXPECT_EQ(Vigil({"audit", "verify"}).exit_code, 0);
}

TEST_F(PsiTest, ARotatedEpochATamperedElementAndAnOversizedRequestAreRefused) {
  ASSERT_EQ(Vigil({"psi", "export-setup", "--list", "un-consolidated", "--mode", "exact", "--out",
                   Path("old-setup.json")})
                .exit_code,
            0);
  Write("one.csv", "name\nSirajuddin Jallaloudine Haqqani\nSerajuddin Haqqany\n");
  auto exact = Exchange("old-setup.json", "one.csv", "e");
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  EXPECT_NE(Read("e-hits.csv").find("\n2,"), std::string::npos);
  EXPECT_EQ(Read("e-hits.csv").find("\n3,"), std::string::npos);  // exact: another spelling
  auto no_column =
      RunVigil({"psi", "request", "--input", Path("one.csv"), "--name-column", "nom", "--setup",
                Path("old-setup.json"), "--out", Path("x.json"), "--state", Path("x-state.json")});
  EXPECT_EQ(no_column.exit_code, 2);
  EXPECT_NE(no_column.err.find("one.csv: --name-column: no column 'nom' (columns: name)"),
            std::string::npos)
      << no_column.err;

  // Past the cap: refused and audited.
  auto capped = Vigil({"psi", "respond", "--request", Path("e-req.json"), "--out",
                       Path("capped.json"), "--cap", "100"});
  EXPECT_EQ(capped.exit_code, 2);
  EXPECT_NE(capped.err.find("more than the cap of 100"), std::string::npos) << capped.err;
  EXPECT_FALSE(std::filesystem::exists(Path("capped.json")));
  EXPECT_NE(Audit().find("\"action\":\"psi.refused\""), std::string::npos);

  // A tampered element: the identity, in URL-safe base64.
  std::string request = Read("e-req.json");
  auto first = request.find("\"elements\":[\"") + 13;
  request.replace(first, 43, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  Write("tampered.json", request);
  auto tampered = Vigil(
      {"psi", "respond", "--request", Path("tampered.json"), "--out", Path("tampered-resp.json")});
  EXPECT_EQ(tampered.exit_code, 2);
  EXPECT_NE(tampered.err.find("tampered.json: elements[0]: the identity element is refused"),
            std::string::npos)
      << tampered.err;

  // A new setup retires the old epoch: its requests are refused.
  ASSERT_EQ(Vigil({"psi", "export-setup", "--list", "un-consolidated", "--mode", "exact", "--out",
                   Path("new-setup.json")})
                .exit_code,
            0);
  auto old =
      Vigil({"psi", "respond", "--request", Path("e-req.json"), "--out", Path("old-resp.json")});
  EXPECT_EQ(old.exit_code, 1);
  EXPECT_NE(old.err.find("was replaced by a newer setup"), std::string::npos) << old.err;
  auto unknown_list =
      Vigil({"psi", "export-setup", "--list", "no-such-list", "--out", Path("none.json")});
  EXPECT_EQ(unknown_list.exit_code, 3);
  EXPECT_NE(unknown_list.err.find("un-consolidated"), std::string::npos) << unknown_list.err;
}

TEST_F(PsiTest, TheListHolderAnswersOverHttpBehindTokensAndTheAuditLog) {
  auto token = [&](const std::string& name, const std::string& role) {
    auto r = Vigil({"token", "create", "--name", name, "--role", role});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  };
  std::string admin = token("psi-admin", "admin"), desk = token("psi-desk", "screener"),
              reader = token("psi-reader", "reader");
  ServerProcess server({"--db", db()});
  ASSERT_TRUE(server.Start()) << server.log();
  EXPECT_EQ(server.Request("POST", "/v1/psi/setups?list=un-consolidated", desk).status, 403);
  auto setup = server.Request("POST", "/v1/psi/setups?list=un-consolidated&mode=tolerant", admin);
  ASSERT_EQ(setup.status, 200) << setup.body;
  EXPECT_EQ(setup.Json()["vigil_psi"], "setup");
  Write("http-setup.json", setup.body);
  Write("http.csv", "name\nسراج الدين حقاني\nJohnathan Smithers\n");
  auto request =
      RunVigil({"psi", "request", "--input", Path("http.csv"), "--setup", Path("http-setup.json"),
                "--out", Path("http-req.json"), "--state", Path("http-state.json")});
  ASSERT_EQ(request.exit_code, 0) << request.err;
  EXPECT_EQ(server.Post("/v1/psi/responses", reader, Read("http-req.json")).status, 403);
  auto bad = server.Post("/v1/psi/responses", desk, "{\"vigil_psi\":\"request\"}");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("body: version"), std::string::npos) << bad.body;
  auto response = server.Post("/v1/psi/responses", desk, Read("http-req.json"));
  ASSERT_EQ(response.status, 200) << response.body;
  Write("http-resp.json", response.body);
  auto finish = RunVigil({"psi", "finish", "--state", Path("http-state.json"), "--setup",
                          Path("http-setup.json"), "--response", Path("http-resp.json"), "--output",
                          Path("http-hits.csv")});
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  std::string hits = Read("http-hits.csv");
  EXPECT_NE(hits.find("\n2,"), std::string::npos) << hits;
  EXPECT_EQ(hits.find("\n3,"), std::string::npos) << hits;
  // The querier's whole exchange in one command: the live setup fetched,
  // the request sent, the hits written.
  std::string peer = "http://127.0.0.1:" + std::to_string(server.port());
  auto query = RunVigil({"psi", "query", "--input", Path("http.csv"), "--peer", peer, "--list",
                         "un-consolidated", "--mode", "tolerant", "--token", desk, "--output",
                         Path("query-hits.csv"), "--json"});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  auto summary = nlohmann::json::parse(query.out);
  EXPECT_EQ(summary["hits"], 1);
  EXPECT_EQ(summary["epoch"], setup.Json()["epoch"]);
  EXPECT_NE(Read("query-hits.csv").find("\n2,"), std::string::npos);
  auto no_setup = RunVigil({"psi", "query", "--input", Path("http.csv"), "--peer", peer, "--list",
                            "ofac-sdn", "--token", desk, "--output", Path("none.csv")});
  EXPECT_EQ(no_setup.exit_code, 3);  // no setup of that list was exported
  EXPECT_NE(no_setup.err.find("the peer offers no setup of 'ofac-sdn' (offered: un-consolidated"),
            std::string::npos)
      << no_setup.err;
  // With the list and the mode both given, the peer's own answer.
  auto not_live =
      RunVigil({"psi", "query", "--input", Path("http.csv"), "--peer", peer, "--list", "ofac-sdn",
                "--mode", "exact", "--token", desk, "--output", Path("none.csv")});
  EXPECT_EQ(not_live.exit_code, 3);
  EXPECT_NE(not_live.err.find("no exact setup of 'ofac-sdn' is live"), std::string::npos)
      << not_live.err;
  auto refused = RunVigil({"psi", "query", "--input", Path("http.csv"), "--peer", peer, "--list",
                           "un-consolidated", "--mode", "tolerant", "--token", reader, "--output",
                           Path("none.csv")});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("403"), std::string::npos) << refused.err;
  EXPECT_EQ(server.Stop(), 0);
  std::string audit = Audit();
  EXPECT_NE(audit.find("\"actor\":\"psi-desk\",\"action\":\"psi.respond\""), std::string::npos)
      << audit;
  EXPECT_EQ(audit.find("Smithers"), std::string::npos);
}

TEST_F(PsiTest, PsiServeOffersOneListFromAFileOrAStoreAndQueryFindsItUnasked) {
  Write("serve.csv", "name\nسراج الدين حقاني\nJohnathan Smithers\n");
  // A list file, loaded into a scratch store: no token exists there, so
  // loopback queries need none; verifiable, so every response is proved.
  {
    ServerProcess server({"--list", Needs(), "--mode", "tolerant", "--verifiable", "--quiet"},
                         {"psi", "serve"});
    ASSERT_TRUE(server.Start()) << server.log();
    EXPECT_NE(server.log().find("offering the verifiable tolerant setup of 'un-consolidated'"),
              std::string::npos)
        << server.log();
    auto offers = server.Get("/v1/psi/setups");
    ASSERT_EQ(offers.status, 200) << offers.body;
    ASSERT_EQ(offers.Json()["setups"].size(), 1u) << offers.body;
    EXPECT_EQ(offers.Json()["setups"][0]["verifiable"], true);
    // Only the private-matching routes: no screening, no other list.
    EXPECT_EQ(server.Get("/v1/screen?name=Haqqani").status, 404);
    EXPECT_EQ(server.Get("/v1/psi/setups/ofac-sdn").status, 404);
    std::string peer = "http://127.0.0.1:" + std::to_string(server.port());
    auto query = RunVigil({"psi", "query", "--input", Path("serve.csv"), "--peer", peer, "--output",
                           Path("serve-hits.csv"), "--json"});
    ASSERT_EQ(query.exit_code, 0) << query.err;
    auto summary = nlohmann::json::parse(query.out);
    EXPECT_EQ(summary["hits"], 1);
    EXPECT_EQ(summary["epoch"], offers.Json()["setups"][0]["epoch"]);
    EXPECT_NE(Read("serve-hits.csv").find("\n2,"), std::string::npos);
    auto wrong_mode = RunVigil({"psi", "query", "--input", Path("serve.csv"), "--peer", peer,
                                "--mode", "exact", "--output", Path("none.csv")});
    EXPECT_EQ(wrong_mode.exit_code, 3);
    EXPECT_NE(wrong_mode.err.find("the peer offers no exact setup (offered: un-consolidated "
                                  "(tolerant))"),
              std::string::npos)
        << wrong_mode.err;
    EXPECT_EQ(server.Stop(), 0);
  }
  // A dataset of the store, behind its tokens; a new epoch, then that
  // epoch again by id, then refused once a newer setup retired it.
  auto desk = Vigil({"token", "create", "--name", "serve-desk", "--role", "screener"});
  ASSERT_EQ(desk.exit_code, 0) << desk.err;
  std::string token = desk.out.substr(0, desk.out.find('\n'));
  std::string epoch;
  {
    ServerProcess server(
        {"--db", db(), "--list", "un-consolidated", "--mode", "exact", "--epoch", "new"},
        {"psi", "serve"});
    ASSERT_TRUE(server.Start()) << server.log();
    EXPECT_EQ(server.Get("/v1/psi/setups").status, 401);
    auto offers = server.Get("/v1/psi/setups", token);
    ASSERT_EQ(offers.status, 200) << offers.body;
    epoch = offers.Json()["setups"][0]["epoch"];
    std::string peer = "http://127.0.0.1:" + std::to_string(server.port());
    Write("serve-exact.csv", "name\nSirajuddin Jallaloudine Haqqani\nSerajuddin Haqqany\n");
    auto query = RunVigil({"psi", "query", "--input", Path("serve-exact.csv"), "--peer", peer,
                           "--list", "un-consolidated", "--token", token, "--output",
                           Path("serve-exact-hits.csv"), "--json"});
    ASSERT_EQ(query.exit_code, 0) << query.err;
    EXPECT_EQ(nlohmann::json::parse(query.out)["travellers_matched"], 1);  // exact: one spelling
    EXPECT_EQ(server.Stop(), 0);
  }
  {
    ServerProcess again({"--db", db(), "--list", "un-consolidated", "--epoch", epoch},
                        {"psi", "serve"});
    ASSERT_TRUE(again.Start()) << again.log();
    EXPECT_NE(again.log().find("epoch " + epoch), std::string::npos) << again.log();
    EXPECT_EQ(again.Stop(), 0);
  }
  ASSERT_EQ(Vigil({"psi", "export-setup", "--list", "un-consolidated", "--mode", "exact", "--out",
                   Path("newer.json")})
                .exit_code,
            0);
  auto retired = Vigil(
      {"psi", "serve", "--list", "un-consolidated", "--epoch", epoch, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(retired.exit_code, 1);
  EXPECT_NE(retired.err.find("was replaced by a newer setup"), std::string::npos) << retired.err;
  auto unknown = Vigil({"psi", "serve", "--list", "un-consolidated", "--epoch",
                        "00000000000000000000000000000000", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(unknown.exit_code, 3) << unknown.err;
  auto no_file =
      Vigil({"psi", "serve", "--list", dir() + "/no-such-list.xml", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(no_file.exit_code, 3);
  EXPECT_NE(no_file.err.find("--list: no such file: "), std::string::npos) << no_file.err;
}

}  // namespace
}  // namespace vigil::e2e
