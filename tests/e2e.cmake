# End-to-end tests: every directory under tests/e2e with a `cmd` file is one case,
# run by tests/e2e/run.sh against the built binary and compared byte for byte.
add_executable(json_check tools/json_check.c)
target_include_directories(json_check PRIVATE ${CJSON_INCLUDE_DIR})
target_link_libraries(json_check PRIVATE ${CJSON_LIBRARY})
target_compile_options(json_check PRIVATE ${ITA_WARNINGS})

file(GLOB ITA_E2E_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/*)
foreach(case_dir IN LISTS ITA_E2E_CASES)
  if(IS_DIRECTORY ${case_dir} AND EXISTS ${case_dir}/cmd)
    get_filename_component(case_name ${case_dir} NAME)
    add_test(NAME e2e_${case_name}
      COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run.sh $<TARGET_FILE:ita> $<TARGET_FILE:json_check>
              ${PROJECT_SOURCE_DIR}/data ${case_dir})
  endif()
endforeach()
