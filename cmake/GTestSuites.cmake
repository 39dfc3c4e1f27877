# vigil_add_gtest_suites(TARGET LABEL): one CTest test per GoogleTest suite.
#
# gtest_discover_tests() makes a CTest test of every test case, and CTest
# starts a process for each: suites that share expensive set-up (a loaded
# database, in SetUpTestSuite) would repeat it per case. This lists the
# suites after each build (as gtest_discover_tests lists cases) and adds one
# test per suite that runs it whole with --gtest_filter=Suite.*, so ctest -j
# still runs suites in parallel.
function(vigil_add_gtest_suites target label)
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND}
            -D "EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "OUTPUT=${include_file}"
            -D "LABEL=${label}"
            -D "PREFIX=${target}"
            -P "${PROJECT_SOURCE_DIR}/cmake/GTestSuitesList.cmake"
    BYPRODUCTS "${include_file}"
    VERBATIM)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
