#include "vigil/engine/accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/store/store.h"
#include "vigil/testing/store_fixture.h"

namespace vigil {
namespace {

class AccountsTest : public test_support::StoreFixture {
 protected:
  AccountsTest() : StoreFixture("vigil-accounts") {}
};

TEST_F(AccountsTest, ATokenAuthenticatesItsOwnerUntilRevoked) {
  Accounts accounts(*store_);
  auto token = accounts.Create({"desk-1", Role::kScreener});
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->secret.rfind("vigil_" + token->info.public_id + "_", 0), 0u);
  EXPECT_EQ(token->info.public_id.size(), 12u);
  auto who = accounts.Authenticate(token->secret);
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->name, "desk-1");
  EXPECT_EQ(who->role, Role::kScreener);

  // One changed character of the secret, of the id, or nothing at all.
  std::string wrong = token->secret;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {wrong, std::string("vigil_000000000000_abc"), std::string(""),
                                 std::string("Bearer ") + token->secret, token->secret + "x"}) {
    auto refused = accounts.Authenticate(bad);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated) << bad;
  }
  ASSERT_TRUE(accounts.Revoke("desk-1").ok());
  EXPECT_EQ(accounts.Authenticate(token->secret).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts.Revoke("desk-1").code(), absl::StatusCode::kNotFound);
  auto list = accounts.List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE((*list)[0].revoked_at.has_value());
}

TEST_F(AccountsTest, OnlyTheHashOfTheSecretIsKept) {
  Accounts accounts(*store_);
  auto token = accounts.Create({"auditor", Role::kAdmin});
  ASSERT_TRUE(token.ok());
  // (The secret is base64url, which has '_' too: it is what follows the id.)
  std::string secret = token->secret.substr(("vigil_" + token->info.public_id + "_").size());
  auto record = store_->FindToken(token->info.public_id);
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->hash.size(), 32u);
  EXPECT_EQ((*record)->hash.find(secret), std::string::npos);
  EXPECT_NE((*record)->hash, secret);
}

TEST_F(AccountsTest, NamesAndRolesAreChecked) {
  Accounts accounts(*store_);
  ASSERT_TRUE(accounts.Create({"desk-1", Role::kReader}).ok());
  EXPECT_EQ(accounts.Create({"desk-1", Role::kAdmin}).status().code(),
            absl::StatusCode::kAlreadyExists);
  auto bad = accounts.Create({"two words", Role::kReader});
  EXPECT_EQ(FieldOf(bad.status()), "name");
  EXPECT_EQ(*ParseRole("analyst"), Role::kAnalyst);
  EXPECT_EQ(FieldOf(ParseRole("root").status()), "role");
  EXPECT_TRUE(Allows(Role::kAdmin, Role::kScreener));
  EXPECT_FALSE(Allows(Role::kReader, Role::kScreener));
}

}  // namespace
}  // namespace vigil
