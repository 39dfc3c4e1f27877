// Whole-file reads, and atomic writes through exclusive temporaries.
#include "vigil/base/file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <streambuf>
#include <utility>
#include <vector>

namespace vigil {

namespace {

// A descriptor to read the file from, or NotFound naming the path.
StatusOr<int> OpenToRead(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return absl::NotFoundError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  return fd;
}

}  // namespace

StatusOr<std::string> ReadFile(const std::string& path) {
  auto opened = OpenToRead(path);
  if (!opened.ok()) return opened.status();
  const int fd = *opened;
  // Read into a string of the file's size at once (a snapshot of a list of
  // millions is hundreds of megabytes: a growing buffer would copy it over
  // and over), then on in steps for what has no size (a pipe) or grew.
  auto fail = [&](int error) -> Status {
    ::close(fd);
    return absl::InvalidArgumentError(
        fmt::format("{}: read error: {}", path, std::strerror(error)));
  };
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    out.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    if (n == 0) break;  // the file shrank
    got += static_cast<size_t>(n);
  }
  if (got < out.size()) {
    out.resize(got);
  } else {
    std::array<char, 1 << 16> step;
    for (;;) {
      const ssize_t n = ::read(fd, step.data(), step.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail(errno);
      if (n == 0) break;
      out.append(step.data(), static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

StatusOr<MappedFile> MappedFile::Open(const std::string& path) {
  auto opened = OpenToRead(path);
  if (!opened.ok()) return opened.status();
  const int fd = *opened;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(fmt::format("{}: not a regular file", path));
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return MappedFile(nullptr, 0);
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  const int error = errno;
  ::close(fd);  // the mapping keeps the file
  if (data == MAP_FAILED) {
    return absl::InvalidArgumentError(
        fmt::format("{}: cannot map: {}", path, std::strerror(error)));
  }
  return MappedFile(data, size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
}

namespace {

// Temporaries that a signal handler removes: fixed slots of C strings, so
// that the handler only reads atomics and calls unlink().
constexpr int kSlots = 64;
std::array<std::atomic<const char*>, kSlots> g_temporaries{};

int Register(const char* path) {
  for (int i = 0; i < kSlots; ++i) {
    const char* expected = nullptr;
    if (g_temporaries[i].compare_exchange_strong(expected, path)) return i;
  }
  return -1;  // more open than slots: still removed by the destructor
}

void Unregister(int slot) {
  if (slot >= 0) g_temporaries[slot].store(nullptr);
}

extern "C" void RemoveTemporariesAndExit(int signal_number) {
  for (auto& slot : g_temporaries)
    if (const char* path = slot.load()) ::unlink(path);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

// A buffered stream over the temporary's descriptor; the first write error
// sticks and fails Commit().
class AtomicFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd), data_(1 << 16) { setp(data_.data(), data_.data() + data_.size()); }
  bool Flush() {
    Write(pbase(), static_cast<size_t>(pptr() - pbase()));
    setp(data_.data(), data_.data() + data_.size());
    return !failed_;
  }
  bool failed() const { return failed_; }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!Flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(data_.size())) {
      if (!Flush() || !Write(s, static_cast<size_t>(n))) return 0;
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }
  int sync() override { return Flush() ? 0 : -1; }

 private:
  // Every kWriteBehind bytes written, the kernel is asked to start writing
  // them to disk (without waiting), so that Commit's fsync of a large file
  // (hundreds of megabytes of JSON lines) finds little left to do.
  static constexpr size_t kWriteBehind = 8 << 20;
  bool Write(const char* s, size_t n) {
    if (failed_ || n == 0) return !failed_;
    if (!WriteAll(fd_, s, n)) {
      failed_ = true;
      error_ = errno;
      return false;
    }
    written_ += n;
    if (written_ - started_ >= kWriteBehind) {
      // Advice only: its failure changes nothing that fsync does not check.
      ::sync_file_range(fd_, static_cast<off_t>(started_), static_cast<off_t>(written_ - started_),
                        SYNC_FILE_RANGE_WRITE);
      started_ = written_;
    }
    return true;
  }

  int fd_;
  std::vector<char> data_;
  bool failed_ = false;
  int error_ = 0;
  size_t written_ = 0, started_ = 0;  // bytes written, and handed to write-behind
};

StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path target(path);
  if (target.filename().empty())
    return absl::InvalidArgumentError(fmt::format("{}: not a file name", path));
  std::error_code error;
  if (fs::is_directory(target, error))
    return absl::InvalidArgumentError(fmt::format("{}: is a folder, not a file", path));
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  std::string pattern =
      (folder / fmt::format(".{}.XXXXXX.partial", target.filename().string())).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  // mkostemps: O_CREAT | O_EXCL with a fresh random name, mode 0600; a
  // planted symbolic link at that name makes it fail, never followed.
  int fd = ::mkostemps(name.data(), static_cast<int>(std::strlen(".partial")), O_CLOEXEC);
  if (fd < 0)
    return absl::InvalidArgumentError(
        fmt::format("{}: cannot create a file in {}: {}", path, folder.string(), std::strerror(errno)));
  // The permissions a plain new file would get (0666 less the umask).
  mode_t mask = ::umask(0);
  ::umask(mask);
  (void)::fchmod(fd, 0666 & ~mask);
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, name.data(), fd));
}

AtomicFile::AtomicFile(std::string path, std::string temporary, int fd)
    : path_(std::move(path)), temporary_(std::move(temporary)), fd_(fd) {
  buffer_ = std::make_unique<Buffer>(fd_);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
  registry_slot_ = Register(temporary_.c_str());
}

AtomicFile::~AtomicFile() {
  if (!done_) Discard();
}

std::ostream& AtomicFile::stream() { return *stream_; }

void AtomicFile::Discard() {
  done_ = true;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_.c_str());
  Unregister(registry_slot_);
}

Status AtomicFile::Commit() {
  if (done_) return absl::InternalError(fmt::format("{}: already written", path_));
  stream_->flush();
  bool ok = buffer_->Flush() && !buffer_->failed();
  int error = ok ? 0 : buffer_->error();
  if (ok && ::fsync(fd_) != 0) {
    ok = false;
    error = errno;
  }
  if (ok && ::close(fd_) != 0) {
    ok = false;
    error = errno;
  }
  if (ok) fd_ = -1;
  if (ok && ::rename(temporary_.c_str(), path_.c_str()) != 0) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    Discard();
    return absl::InternalError(
        fmt::format("{}: cannot write: {}; the file was left as it was", path_, std::strerror(error)));
  }
  done_ = true;
  Unregister(registry_slot_);
  return absl::OkStatus();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  auto file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  (*file)->stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return (*file)->Commit();
}

void RemoveTemporariesOnSignal() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_handler = RemoveTemporariesAndExit;
  sigemptyset(&action.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &action, nullptr);
}

}  // namespace vigil
