// A GoogleTest fixture for tests that need a store of their own (included
// only by *_test.cc files): a scratch folder, a store in it or, when the
// tests run against PostgreSQL, a database of the test's own on the test
// server (TestStore), opened read-write unless the test loads it itself.
//
//   class MonitorStoreTest : public test_support::StoreFixture {
//    protected:
//     MonitorStoreTest() : StoreFixture("vigil-monitor-store") {}
//   };
//   TEST_F(MonitorStoreTest, ...) { store_->...; }
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "vigil/store/store.h"
#include "vigil/testing/postgres.h"

namespace vigil::test_support {

class StoreFixture : public ::testing::Test {
 protected:
  // folder names the scratch folder under the system's temporary folder
  // (the process id is added); open: SetUp opens the store read-write in
  // store_.
  explicit StoreFixture(std::string folder, bool open = true)
      : folder_(std::move(folder)), open_(open) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / (folder_ + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    where_ = std::make_unique<TestStore>(dir_);
    if (!open_) return;
    auto store = store::OpenStore(where_->location(), store::AccessMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  // The store closes before its database is dropped and its folder deleted.
  void TearDown() override {
    store_.reset();
    where_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Where the store is: a file path or a postgresql:// URI.
  const std::string& location() const { return where_->location(); }

  std::filesystem::path dir_;
  std::unique_ptr<TestStore> where_;
  std::unique_ptr<store::Store> store_;

 private:
  std::string folder_;
  bool open_;
};

}  // namespace vigil::test_support
