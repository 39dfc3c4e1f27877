// ResponseCache: a least-recently-used map of rendered answers, emptied
// when the store's generation moves.
#include "server/response_cache.h"

namespace vigil::server {

void ResponseCache::ClearIfStale(int64_t generation) {
  if (generation == generation_) return;
  order_.clear();
  index_.clear();
  bytes_ = 0;
  generation_ = generation;
}

std::optional<Response> ResponseCache::Get(const std::string& key, int64_t generation) {
  std::lock_guard lock(mutex_);
  ClearIfStale(generation);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->response;
}

void ResponseCache::Put(const std::string& key, int64_t generation, Response* response) {
  if (response->status != 200) return;
  // Kept once, shared by every answer sent from the cache, with its gzip form.
  ShareBody(response);
  size_t size = key.size() + response->shared_body->size() +
                (response->gzip_body ? response->gzip_body->size() : 0) + sizeof(Entry);
  if (size > max_bytes_) return;
  std::lock_guard lock(mutex_);
  ClearIfStale(generation);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    order_.erase(it->second);
    index_.erase(it);
  }
  order_.push_front(Entry{key, *response, size});
  index_.emplace(key, order_.begin());
  bytes_ += size;
  while (bytes_ > max_bytes_ && !order_.empty()) {
    bytes_ -= order_.back().bytes;
    index_.erase(order_.back().key);
    order_.pop_back();
  }
}

size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

size_t ResponseCache::entries() const {
  std::lock_guard lock(mutex_);
  return index_.size();
}

}  // namespace vigil::server
