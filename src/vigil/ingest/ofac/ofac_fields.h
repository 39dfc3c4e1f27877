// What OFAC's lists write as prose, read into the model: dates ("22 Nov
// 1979", "circa 1960", "1960 to 1962"), identifier labels ("Passport",
// "National ID No.", "Vessel Registration Identification"), and the
// remarks field ("DOB 1977; alt. DOB 1978; POB Danda, Miramshah,
// Afghanistan; a.k.a. 'HQN'; Linked To: AL QA'IDA."). Shared by the CSV and
// XML readers, which share their list descriptions too.
//
//   OfacDate("circa 1960") == "~1960";  OfacDate("1960 to 1962") == "1960/1962"
//   ApplyRemarks("DOB 1977; a.k.a. 'HQN'", "", where, &entity, &problems);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/ingest/internal/list_input.h"
#include "vigil/model/model.h"

namespace vigil {

struct OfacReadOptions {
  std::string dataset_name;  // default: "ofac-sdn" or "ofac-consolidated" (see ListKind)
};

}  // namespace vigil

namespace vigil::ofac {

// Which OFAC list a file belongs to. SDN.CSV / sdn.xml hold the SDN list;
// CONS_*.CSV / consolidated.xml the consolidated non-SDN lists. Keys differ
// ("ofac-6891", "ofac-cons-9639") so both lists can be loaded side by side.
enum class ListKind { kSdn, kConsolidated };

// Decided by the file name: one containing "cons" (consolidated, cons_prim,
// cons-nonsdn) is the consolidated list, any other the SDN list.
ListKind ListKindOfFile(std::string_view path);

struct ListInfo {
  std::string_view dataset;     // default dataset name
  std::string_view title;       // of the list, for its Source
  std::string_view list;        // Designation::list
  std::string_view key_prefix;  // entity keys: prefix + uid
};
const ListInfo& InfoOf(ListKind kind);

// The Source of a list dataset: "list-<dataset>".
Source ListSource(const std::string& dataset, ListKind kind, const std::string& publish_date,
                  const std::string& sha256, const std::string& files);

// One US designation per program of the record, each citing the list by
// the record's uid.
void AddDesignations(const Entity& entity, const std::vector<std::string>& programs, ListKind kind,
                     const std::string& source_id, Batch* batch);

// A claim on the list source located by the record's uid.
Claim ListClaim(const std::string& source_id, const Entity& entity);

// An OFAC date in vigil's written form: "22 Nov 1979" -> "1979-11-22",
// "Nov 1979" -> "1979-11", "1979", "circa 1979" -> "~1979", "1960 to 1962"
// -> "1960/1962". InvalidArgument (message without position) otherwise.
StatusOr<std::string> OfacDate(std::string_view text);

// An identifier label as OFAC writes it, read into the model's type.
struct IdentifierLabel {
  std::string_view label;  // "National ID No."
  std::string_view type;   // national_id
};
// The longest label that text starts with (followed by a space or end), or
// nullptr.
const IdentifierLabel* FindIdentifierLabel(std::string_view text);
// An identifier from its label and what follows it: "A12345 (Iran) expires
// 2020" -> value A12345, country IR, note "expires 2020".
Identifier MakeIdentifier(const IdentifierLabel& label, std::string_view rest,
                          std::string_view country = {});

// Reads an OFAC remarks field into entity: birth dates and places,
// nationality, citizenship, gender, weak aliases ("a.k.a. 'X'"),
// identifiers, Linked To, website, email, phone; what it does not
// recognise stays a "remark" value. A fragment equal to title is skipped
// (the list repeats titles in the remarks). An invalid date is an error at
// where.
void ApplyRemarks(std::string_view remarks, std::string_view title, const FilePosition& where,
                  Entity* entity, internal::ReadProblems* problems);

// Sets the entity kind from an OFAC type ("individual", "-0-" or empty for
// an entity, "vessel", "aircraft"; case-insensitive). False when unknown.
bool SetKind(std::string_view type, Entity* entity);

}  // namespace vigil::ofac
