# The bad-input battery: every tests/bad-input/*.case is one test, run end to end
# by bad-input/run.sh against the built binary (exact messages and exit status).
# The workbooks that take seconds to make (tests/workbook/hostile.py,
# MADE_BY_THE_BUILD) are made once by the build, not by every run of their
# case: ctest names their directory to hostile.py (ITA_TEST_INPUTS).
set(ITA_TEST_INPUTS ${CMAKE_CURRENT_BINARY_DIR}/inputs)
set(ITA_BAD_INPUT_ENV "")
if(EXISTS /usr/bin/python3)
  set(ITA_BAD_INPUT_WORKBOOKS "")
  foreach(kind million-rows zip-bomb)
    add_custom_command(OUTPUT ${ITA_TEST_INPUTS}/${kind}.xlsx
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ITA_TEST_INPUTS}
      COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/workbook/hostile.py ${kind} ${ITA_TEST_INPUTS}/${kind}.xlsx.part
      COMMAND ${CMAKE_COMMAND} -E rename ${ITA_TEST_INPUTS}/${kind}.xlsx.part ${ITA_TEST_INPUTS}/${kind}.xlsx
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/workbook/hostile.py
      COMMENT "Making the ${kind} workbook of the bad-input battery")
    list(APPEND ITA_BAD_INPUT_WORKBOOKS ${ITA_TEST_INPUTS}/${kind}.xlsx)
  endforeach()
  add_custom_target(bad_input_workbooks ALL DEPENDS ${ITA_BAD_INPUT_WORKBOOKS})
  set(ITA_BAD_INPUT_ENV "ITA_TEST_INPUTS=${ITA_TEST_INPUTS}")
endif()
file(GLOB ITA_BAD_INPUT_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bad-input/*.case)
foreach(case_file IN LISTS ITA_BAD_INPUT_CASES)
  get_filename_component(case_name ${case_file} NAME_WE)
  add_test(NAME bad_input_${case_name}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/bad-input/run.sh $<TARGET_FILE:ita>
            ${PROJECT_SOURCE_DIR}/data ${case_file})
  set_tests_properties(bad_input_${case_name} PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "${ITA_BAD_INPUT_ENV}")
endforeach()
