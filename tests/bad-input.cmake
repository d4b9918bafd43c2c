# The bad-input battery: every tests/bad-input/*.case is one test, run end to end
# by bad-input/run.sh against the built binary (exact messages and exit status).
file(GLOB ITA_BAD_INPUT_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bad-input/*.case)
foreach(case_file IN LISTS ITA_BAD_INPUT_CASES)
  get_filename_component(case_name ${case_file} NAME_WE)
  add_test(NAME bad_input_${case_name}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/bad-input/run.sh $<TARGET_FILE:ita>
            ${PROJECT_SOURCE_DIR}/data ${case_file})
  set_tests_properties(bad_input_${case_name} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
