// Batch screening over HTTP: POST /v1/screen/batch takes JSON lines (one
// object per row: name, birth_date, country, kind, id, or the columns the
// query names) and streams back one JSON line per screened row in input
// order, then a summary line; the rows are screened a received piece at a
// time (Router::Stream, Engine::StartBatch), so that memory stays bounded
// whatever the body's size. One audit row per batch (docs/api.md).
#include "server/app.h"
#include "vigil/engine/json/batch_stream_json.h"

namespace vigil::server {
namespace {

// The name the rows go by in problems ("body:12: name: ...").
constexpr char kBatchInput[] = "body";

class BatchStream final : public StreamProcessor {
 public:
  BatchStream(Engine& engine, std::unique_ptr<BatchScreener> screener, std::string caller)
      : engine_(engine), screener_(std::move(screener)), caller_(std::move(caller)) {}
  // A stream that ended early (the client went away, a line too long) is
  // audited too, as incomplete: its rows were screened.
  ~BatchStream() override {
    if (!finished_)
      engine_.audit().Record(caller_, "screen_batch", BatchAuditDetail(screener_->Finish(), false));
  }

  std::string Process(const std::vector<std::string>& lines) override {
    if (failed_) return "";
    auto out = screener_->ProcessJsonLines(lines);
    if (out.ok()) return std::move(*out);
    failed_ = true;
    return BatchErrorLine(out.status());
  }

  std::string Finish() override {
    finished_ = true;
    BatchSummary summary = screener_->Finish();
    summary.output = "response";
    engine_.audit().Record(caller_, "screen_batch", BatchAuditDetail(summary, !failed_));
    return BatchSummaryLine(summary);
  }

 private:
  Engine& engine_;
  std::unique_ptr<BatchScreener> screener_;
  std::string caller_;
  bool failed_ = false, finished_ = false;
};

}  // namespace

void Api::AddBatchRoutes() {
  auto& batch = router_.Stream(
      "/v1/screen/batch",
      [this](Request& request, std::optional<Response>* error) -> std::unique_ptr<StreamProcessor> {
        auto batch_request = BatchRequestFromQuery(request.query);
        if (!batch_request.ok()) {
          *error = StatusResponse(batch_request.status());
          return nullptr;
        }
        auto screener = engine_.StartBatch(*batch_request, std::nullopt, kBatchInput);
        if (!screener.ok()) {
          *error = StatusResponse(screener.status());
          return nullptr;
        }
        return std::make_unique<BatchStream>(engine_, std::move(*screener), CallerOf(request).name);
      });
  batch.required_level = static_cast<int>(Role::kScreener);
  batch.needs_ready = true;
}

}  // namespace vigil::server
