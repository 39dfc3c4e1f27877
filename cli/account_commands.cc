// vigil token create|list|revoke and vigil audit verify|export: accounts for
// the HTTP API, and the audit log.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "command.h"
#include "vigil/base/file.h"
#include "vigil/engine/json/accounts_json.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

struct TokenArgs {
  std::string name, role = "reader";
};

struct AuditArgs {
  std::string from, to, format = "jsonl", output;
};

}  // namespace

void AddAccountCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto* token = app.add_subcommand("token", "API tokens for vigil serve: create, list, revoke");
  token->require_subcommand(1);

  auto create_args = std::make_shared<TokenArgs>();
  auto* create = token->add_subcommand("create", "create a token; it is printed once, only a hash is kept");
  create->add_option("--name", create_args->name, "who or what uses it (letters, digits, - _ . @)")
      ->required();
  create->add_option("--role", create_args->role, "reader | screener | analyst | admin")
      ->default_str("reader");
  AddCommonOptions(create, context);
  commands.push_back({create, [create_args, &context] {
                        auto role = ParseRole(create_args->role);
                        if (!role.ok()) return Fail(role.status(), context);
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto made = (*engine)->accounts().Create({create_args->name, *role});
                        if (!made.ok()) return Fail(made.status(), context);
                        (*engine)->audit().Record("cli", "token_create",
                                                  Json{{"name", made->info.name},
                                                       {"role", RoleName(made->info.role)}});
                        if (auto s = (*engine)->audit().Flush(); !s.ok()) return Fail(s, context);
                        if (context.json) return Print(ToJson(*made));
                        std::cout << made->secret << "\n";
                        std::cerr << fmt::format(
                            "vigil: token '{}' ({}) created; it is shown only now: keep it "
                            "safe\n",
                            EscapeForTerminal(made->info.name), RoleName(made->info.role));
                        return 0;
                      }});

  auto* list = token->add_subcommand("list", "the tokens, live and revoked (never their secrets)");
  AddCommonOptions(list, context);
  commands.push_back({list, [&context] {
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto tokens = (*engine)->accounts().List();
                        if (!tokens.ok()) return Fail(tokens.status(), context);
                        Json all = Json::array();
                        for (const auto& t : *tokens) all.push_back(ToJson(t));
                        if (context.json) return Print(all);
                        for (const auto& t : *tokens)
                          std::cout << fmt::format(
                              "{:<24} {:<9} {} created {}{}\n", EscapeForTerminal(t.name),
                              RoleName(t.role), t.public_id, t.created_at,
                              t.revoked_at ? ", revoked " + *t.revoked_at : "");
                        return 0;
                      }});

  auto revoke_name = std::make_shared<std::string>();
  auto* revoke = token->add_subcommand("revoke", "revoke a token at once");
  revoke->add_option("NAME", *revoke_name, "the token's name")->required();
  AddCommonOptions(revoke, context);
  commands.push_back({revoke, [revoke_name, &context] {
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        if (auto s = (*engine)->accounts().Revoke(*revoke_name); !s.ok())
                          return Fail(s, context);
                        (*engine)->audit().Record("cli", "token_revoke", Json{{"name", *revoke_name}});
                        if (auto s = (*engine)->audit().Flush(); !s.ok()) return Fail(s, context);
                        if (context.json) return Print(Json{{"revoked", *revoke_name}});
                        std::cout << fmt::format("revoked token '{}'\n", EscapeForTerminal(*revoke_name));
                        return 0;
                      }});

  auto* audit = app.add_subcommand("audit", "the audit log: verify its chain, export it");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "check that no row of the audit log was edited, inserted or deleted (exit 1 if so)");
  AddCommonOptions(verify, context);
  commands.push_back({verify, [&context] {
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto v = (*engine)->audit().Verify();
                        if (!v.ok()) return Fail(v.status(), context);
                        if (context.json) {
                          Print(ToJson(*v));
                        } else if (v->ok) {
                          std::cout << fmt::format("audit log intact: {} rows, head {} {}\n",
                                                   v->rows, v->head_seq, v->head_hash);
                        } else {
                          std::cout << fmt::format("audit log BROKEN at row {}: {}\n", v->bad_seq,
                                                   v->problem);
                        }
                        return v->ok ? 0 : static_cast<int>(ExitCode::kCheckFailed);
                      }});

  auto audit_args = std::make_shared<AuditArgs>();
  auto* exporter = audit->add_subcommand("export", "write audit rows as CSV or JSON lines");
  exporter->add_option("--from", audit_args->from, "first time included (ISO 8601, UTC)");
  exporter->add_option("--to", audit_args->to, "first time excluded (ISO 8601, UTC)");
  exporter->add_option("--format", audit_args->format, "csv | jsonl")->default_str("jsonl");
  exporter->add_option("--output,-o", audit_args->output, "file to write (default: stdout)");
  AddCommonOptions(exporter, context);
  commands.push_back({exporter, [audit_args, &context] {
                        auto format = ParseAuditFormat(audit_args->format);
                        if (!format.ok()) return Fail(format.status(), context);
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        std::unique_ptr<AtomicFile> file;
                        if (!audit_args->output.empty()) {
                          auto created = AtomicFile::Create(audit_args->output);
                          if (!created.ok()) return Fail(created.status(), context);
                          file = std::move(*created);
                        }
                        std::ostream& out = file ? file->stream() : std::cout;
                        if (auto s = (*engine)->audit().Export(audit_args->from, audit_args->to,
                                                               *format, out);
                            !s.ok())
                          return Fail(s, context);
                        if (file)
                          if (auto s = file->Commit(); !s.ok()) return Fail(s, context);
                        return 0;
                      }});
}

}  // namespace vigil::cli
