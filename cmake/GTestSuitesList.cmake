# Run by vigil_add_gtest_suites() after a build: lists the suites of
# EXECUTABLE and writes OUTPUT, a CTest file with one test per suite.
execute_process(COMMAND "${EXECUTABLE}" --gtest_list_tests
                OUTPUT_VARIABLE listing RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${EXECUTABLE} --gtest_list_tests failed (${result})")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(content "")
foreach(line IN LISTS lines)
  # Suite lines start in the first column and end with a dot; typed and
  # parameterised suites carry a "  # TypeParam = ..." comment.
  if(line MATCHES "^([A-Za-z_0-9/]+)\\.")
    set(suite "${CMAKE_MATCH_1}")
    string(APPEND content
      "add_test([=[${PREFIX}.${suite}]=] [==[${EXECUTABLE}]==] [==[--gtest_filter=${suite}.*]==])\n"
      "set_tests_properties([=[${PREFIX}.${suite}]=] PROPERTIES LABELS ${LABEL} TIMEOUT 900)\n")
    if(DEFINED POSTGRES_REGEX AND suite MATCHES "${POSTGRES_REGEX}")
      string(APPEND content
        "add_test([=[${PREFIX}.${suite}.postgres]=] [==[${EXECUTABLE}]==] [==[--gtest_filter=${suite}.*]==])\n"
        "set_tests_properties([=[${PREFIX}.${suite}.postgres]=] PROPERTIES LABELS [==[${LABEL};postgres]==] "
        "TIMEOUT 900 FIXTURES_REQUIRED postgres ENVIRONMENT [==[VIGIL_TEST_PG=${POSTGRES_URI}]==])\n")
    endif()
  endif()
endforeach()
file(WRITE "${OUTPUT}" "${content}")
