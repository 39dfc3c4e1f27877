# vigil_add_gtest_suites(TARGET LABEL [POSTGRES REGEX]): one CTest test per
# GoogleTest suite; with POSTGRES, the suites whose names match REGEX once
# more against PostgreSQL (VIGIL_TEST_PG set to the throwaway server of the
# `postgres` fixture, tests/CMakeLists.txt), named SUITE.postgres and
# labelled postgres too.
#
# gtest_discover_tests() makes a CTest test of every test case, and CTest
# starts a process for each: suites that share expensive set-up (a loaded
# database, in SetUpTestSuite) would repeat it per case. This lists the
# suites after each build (as gtest_discover_tests lists cases) and adds one
# test per suite that runs it whole with --gtest_filter=Suite.*, so ctest -j
# still runs suites in parallel.
function(vigil_add_gtest_suites target label)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "POSTGRES" "")
  set(postgres_args "")
  if(arg_POSTGRES AND VIGIL_POSTGRES_TESTS)
    set(postgres_args -D "POSTGRES_REGEX=${arg_POSTGRES}" -D "POSTGRES_URI=${VIGIL_TEST_PG_URI}")
  endif()
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND}
            -D "EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "OUTPUT=${include_file}"
            -D "LABEL=${label}"
            -D "PREFIX=${target}"
            ${postgres_args}
            -P "${PROJECT_SOURCE_DIR}/cmake/GTestSuitesList.cmake"
    BYPRODUCTS "${include_file}"
    VERBATIM)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
