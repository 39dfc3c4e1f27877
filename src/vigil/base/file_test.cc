#include "vigil/base/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "vigil/base/sha256.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vigil-file-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  size_t Entries() { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, AFileOfManyMegabytesArrivesWhole) {
  // Past the write-behind step (8 MiB) several times, in pieces of every
  // size the stream takes: single characters, short strings, long blocks.
  fs::path target = dir_ / "big.jsonl";
  auto file = AtomicFile::Create(target.string());
  ASSERT_TRUE(file.ok()) << file.status();
  std::string expected;
  std::string block(300000, 'x');
  for (int i = 0; expected.size() < (30u << 20); ++i) {
    std::string line = "{\"row\": " + std::to_string(i) + "}\n";
    (*file)->stream() << line;
    expected += line;
    if (i % 100 == 0) {
      block[0] = static_cast<char>('a' + i % 26);
      (*file)->stream() << block;
      expected += block;
    }
    (*file)->stream().put('\n');
    expected += '\n';
  }
  ASSERT_TRUE((*file)->Commit().ok());
  EXPECT_EQ(fs::file_size(target), expected.size());
  EXPECT_TRUE(Read(target) == expected);
}

TEST_F(AtomicFileTest, ReadFileReturnsEveryByteOfFilesAndPipes) {
  // Past one read step (64 KiB), with NUL bytes and every byte value.
  std::string bytes;
  for (int i = 0; i < 200000; ++i) bytes.push_back(static_cast<char>((i * 7) & 0xff));
  fs::path big = dir_ / "big.bin";
  std::ofstream(big, std::ios::binary) << bytes;
  auto read = ReadFile(big.string());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, bytes);

  fs::path empty = dir_ / "empty";
  std::ofstream{empty};
  auto none = ReadFile(empty.string());
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(*none, "");

  // A pipe has no size: read to its end in steps.
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::ofstream(fifo, std::ios::binary) << bytes;
    _exit(0);
  }
  auto piped = ReadFile(fifo.string());
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(piped.ok()) << piped.status();
  EXPECT_EQ(*piped, bytes);
}

TEST_F(AtomicFileTest, ReadFileNamesThePathOnFailure) {
  auto missing = ReadFile((dir_ / "absent.csv").string());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("absent.csv: cannot open"), std::string::npos)
      << missing.status();
  auto folder = ReadFile(dir_.string());
  EXPECT_EQ(folder.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(folder.status().message().find(": read error"), std::string::npos) << folder.status();
}

TEST_F(AtomicFileTest, TargetUnchangedUntilCommit) {
  fs::path target = dir_ / "out.csv";
  std::ofstream(target) << "old";
  auto file = AtomicFile::Create(target.string());
  ASSERT_TRUE(file.ok()) << file.status();
  (*file)->stream() << "new content";
  EXPECT_EQ(Read(target), "old");
  ASSERT_TRUE((*file)->Commit().ok());
  EXPECT_EQ(Read(target), "new content");
  EXPECT_EQ(Entries(), 1u);  // no temporary left
}

TEST_F(AtomicFileTest, UncommittedWriteLeavesNothing) {
  fs::path target = dir_ / "out.csv";
  {
    auto file = AtomicFile::Create(target.string());
    ASSERT_TRUE(file.ok());
    (*file)->stream() << "partial";
    EXPECT_TRUE(fs::exists((*file)->temporary_path()));
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_EQ(Entries(), 0u);
}

// Regression (issue 10): output went through a fixed OUT.partial that
// followed a planted symbolic link and overwrote its target.
TEST_F(AtomicFileTest, PlantedSymlinksAreNeverFollowed) {
  fs::path victim = dir_ / "victim.txt";
  std::ofstream(victim) << "precious";
  fs::path target = dir_ / "out.csv";
  fs::create_symlink(victim, dir_ / "out.csv.partial");
  fs::create_symlink(victim, target);  // even the target itself
  ASSERT_TRUE(WriteFileAtomically(target.string(), "rows").ok());
  EXPECT_EQ(Read(victim), "precious");
  EXPECT_FALSE(fs::is_symlink(target));
  EXPECT_EQ(Read(target), "rows");
}

// Regression (issue 10): two jobs writing the same output shared one
// temporary, and the second reported success with the first's rows.
TEST_F(AtomicFileTest, ConcurrentWritersDoNotShareATemporary) {
  fs::path target = dir_ / "out.csv";
  auto a = AtomicFile::Create(target.string());
  auto b = AtomicFile::Create(target.string());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE((*a)->temporary_path(), (*b)->temporary_path());
  (*a)->stream() << "first";
  (*b)->stream() << "second";
  ASSERT_TRUE((*a)->Commit().ok());
  EXPECT_EQ(Read(target), "first");
  ASSERT_TRUE((*b)->Commit().ok());
  EXPECT_EQ(Read(target), "second");
}

TEST_F(AtomicFileTest, NewFilesGetTheUsualPermissions) {
  fs::path target = dir_ / "out.csv";
  mode_t old_mask = ::umask(022);
  ASSERT_TRUE(WriteFileAtomically(target.string(), "x").ok());
  ::umask(old_mask);
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(AtomicFileTest, MissingFolderIsAClearError) {
  auto file = AtomicFile::Create((dir_ / "no-such-folder" / "out.csv").string());
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("no-such-folder"), std::string::npos);
  EXPECT_EQ(AtomicFile::Create(dir_.string()).status().code(), absl::StatusCode::kInvalidArgument);
}

// Regression (issue 10): SIGINT or SIGTERM left an empty .partial behind.
TEST_F(AtomicFileTest, SignalsRemoveTemporaries) {
  for (int signal_number : {SIGINT, SIGTERM}) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      RemoveTemporariesOnSignal();
      auto file = AtomicFile::Create((dir_ / "out.csv").string());
      if (!file.ok()) ::_exit(3);
      (*file)->stream() << "partial" << std::flush;
      ::raise(signal_number);
      ::_exit(4);  // not reached
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << status;
    EXPECT_EQ(WTERMSIG(status), signal_number);
    EXPECT_EQ(Entries(), 0u);
  }
}

TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 pieces;
  pieces.Update("a");
  pieces.Update("bc");
  EXPECT_EQ(pieces.FinishHex(), Sha256Hex("abc"));
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace vigil
