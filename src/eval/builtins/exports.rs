//! The public functions (and macros) of every module the shell knows, as Elixir 1.14 /
//! OTP 25 list them (`__info__(:macros) ++ __info__(:functions)` minus deprecated ones, or
//! `module_info(:exports)` for Erlang modules), in that order. iex's "Did you mean" picks
//! from these by spelling, so the list must be the real one, not just what otpsh
//! implements. Generated from real Elixir; one `name/arity` per word.

use crate::error::Error;
use crate::term::Term;

/// `(module, exports)`; `module` as its atom is spelled (`Elixir.Enum`, `erlang`).
pub(crate) const EXPORTS: &[(&str, &str)] = &[
    (
        "Elixir.Kernel",
        "!/1 &&/2 ../0 ../2 ..///3 <>/2 @/1 alias!/1 and/2 binding/0 binding/1 dbg/0 dbg/1 \
         dbg/2 def/1 def/2 defdelegate/2 defexception/1 defguard/1 defguardp/1 defimpl/2 \
         defimpl/3 defmacro/1 defmacro/2 defmacrop/1 defmacrop/2 defmodule/2 defoverridable/1 \
         defp/1 defp/2 defprotocol/2 defstruct/1 destructure/2 get_and_update_in/2 if/2 in/2 \
         is_exception/1 is_exception/2 is_nil/1 is_struct/1 is_struct/2 match?/2 or/2 \
         pop_in/1 put_in/2 raise/1 raise/2 reraise/2 reraise/3 sigil_C/2 sigil_D/2 sigil_N/2 \
         sigil_R/2 sigil_S/2 sigil_T/2 sigil_U/2 sigil_W/2 sigil_c/2 sigil_r/2 sigil_s/2 \
         sigil_w/2 tap/2 then/2 to_char_list/1 to_charlist/1 to_string/1 unless/2 update_in/2 \
         use/1 use/2 var!/1 var!/2 |>/2 ||/2 !=/2 !==/2 */2 **/2 +/1 +/2 ++/2 -/1 -/2 --/2 \
         //2 </2 <=/2 ==/2 ===/2 =~/2 >/2 >=/2 abs/1 apply/2 apply/3 binary_part/3 \
         binary_slice/2 binary_slice/3 bit_size/1 byte_size/1 ceil/1 div/2 elem/2 exit/1 \
         floor/1 function_exported?/3 get_and_update_in/3 get_in/2 hd/1 inspect/1 inspect/2 \
         is_atom/1 is_binary/1 is_bitstring/1 is_boolean/1 is_float/1 is_function/1 \
         is_function/2 is_integer/1 is_list/1 is_map/1 is_map_key/2 is_number/1 is_pid/1 \
         is_port/1 is_reference/1 is_tuple/1 length/1 macro_exported?/3 make_ref/0 map_size/1 \
         max/2 min/2 node/0 node/1 not/1 pop_in/2 put_elem/3 put_in/3 rem/2 round/1 self/0 \
         send/2 spawn/1 spawn/3 spawn_link/1 spawn_link/3 spawn_monitor/1 spawn_monitor/3 \
         struct/1 struct/2 struct!/1 struct!/2 throw/1 tl/1 trunc/1 tuple_size/1 update_in/3",
    ),
    (
        "Elixir.Process",
        "alive?/1 cancel_timer/1 cancel_timer/2 delete/1 demonitor/1 demonitor/2 exit/2 \
         flag/2 flag/3 get/0 get/1 get/2 get_keys/0 get_keys/1 group_leader/0 group_leader/2 \
         hibernate/3 info/1 info/2 link/1 list/0 monitor/1 put/2 read_timer/1 register/2 \
         registered/0 send/3 send_after/3 send_after/4 sleep/1 spawn/2 spawn/4 unlink/1 \
         unregister/1 whereis/1",
    ),
    (
        "Elixir.GenServer",
        "__before_compile__/1 __using__/1 abcast/2 abcast/3 call/2 call/3 cast/2 \
         format_report/1 multi_call/2 multi_call/3 multi_call/4 reply/2 start/2 start/3 \
         start_link/2 start_link/3 stop/1 stop/2 stop/3 whereis/1",
    ),
    (
        "Elixir.DynamicSupervisor",
        "__using__/1 __struct__/0 __struct__/1 child_spec/1 code_change/3 count_children/1 \
         format_report/1 format_status/2 handle_call/3 handle_cast/2 handle_info/2 init/1 \
         start_child/2 start_link/1 start_link/2 start_link/3 stop/1 stop/2 stop/3 \
         terminate/2 terminate_child/2 which_children/1",
    ),
    (
        "Elixir.Registry",
        "__unregister__/3 child_spec/1 count/1 count_match/3 count_match/4 count_select/2 \
         delete_meta/2 dispatch/3 dispatch/4 keys/2 lookup/2 match/3 match/4 meta/2 \
         put_meta/3 register/3 register_name/2 select/2 send/2 start_link/1 unregister/2 \
         unregister_match/3 unregister_match/4 unregister_name/1 update_value/3 values/3 \
         whereis_name/1",
    ),
    (
        "Elixir.Server",
        "child_spec/1 code_change/3 handle_call/3 handle_cast/2 handle_info/2 init/1 \
         start_link/1 state/1 terminate/2",
    ),
    (
        "Elixir.DSupervisor",
        "child_spec/1 init/1 start_link/1 start_server/2",
    ),
    (
        "Elixir.Task",
        "__using__/1 __struct__/0 __struct__/1 async/1 async/3 async_stream/2 async_stream/3 \
         async_stream/4 async_stream/5 await/1 await/2 await_many/1 await_many/2 child_spec/1 \
         completed/1 ignore/1 shutdown/1 shutdown/2 start/1 start/3 start_link/1 start_link/3 \
         yield/1 yield/2 yield_many/1 yield_many/2",
    ),
    (
        "Elixir.Agent",
        "__using__/1 cast/2 cast/4 child_spec/1 get/2 get/3 get/4 get/5 get_and_update/2 \
         get_and_update/3 get_and_update/4 get_and_update/5 start/1 start/2 start/3 start/4 \
         start_link/1 start_link/2 start_link/3 start_link/4 stop/1 stop/2 stop/3 update/2 \
         update/3 update/4 update/5",
    ),
    (
        "Elixir.Supervisor",
        "__using__/1 child_spec/2 count_children/1 delete_child/2 init/2 restart_child/2 \
         start_child/2 start_link/2 start_link/3 stop/1 stop/2 stop/3 terminate_child/2 \
         which_children/1",
    ),
    (
        "sys",
        "suspend/1 suspend/2 resume/1 resume/2 get_status/2 get_state/1 get_state/2 \
         replace_state/2 replace_state/3 change_code/4 change_code/5 terminate/2 log/2 log/3 \
         trace/2 trace/3 log_to_file/2 log_to_file/3 statistics/2 statistics/3 no_debug/1 \
         no_debug/2 install/2 install/3 remove/2 remove/3 suspend_loop_hib/6 get_debug/3 \
         print_log/1 module_info/0 module_info/1 handle_system_msg/6 debug_options/1 \
         get_log/1 handle_debug/4 handle_system_msg/7 get_status/1 terminate/3",
    ),
    (
        "Elixir.IO",
        "binread/1 binread/2 binstream/0 binstream/1 binstream/2 binwrite/1 binwrite/2 \
         chardata_to_string/1 each_binstream/2 each_stream/2 getn/1 getn/2 getn/3 gets/1 \
         gets/2 inspect/1 inspect/2 inspect/3 iodata_length/1 iodata_to_binary/1 puts/1 \
         puts/2 read/1 read/2 stream/0 stream/1 stream/2 warn/1 warn/2 warn_once/3 write/1 \
         write/2",
    ),
    (
        "Elixir.Enum",
        "all?/1 all?/2 any?/1 any?/2 at/2 at/3 chunk_by/2 chunk_every/2 chunk_every/3 \
         chunk_every/4 chunk_while/4 concat/1 concat/2 count/1 count/2 count_until/2 \
         count_until/3 dedup/1 dedup_by/2 drop/2 drop_every/2 drop_while/2 each/2 empty?/1 \
         fetch/2 fetch!/2 filter/2 find/2 find/3 find_index/2 find_value/2 find_value/3 \
         flat_map/2 flat_map_reduce/3 frequencies/1 frequencies_by/2 group_by/2 group_by/3 \
         intersperse/2 into/2 into/3 join/1 join/2 map/2 map_every/3 map_intersperse/3 \
         map_join/2 map_join/3 map_reduce/3 max/1 max/2 max/3 max_by/2 max_by/3 max_by/4 \
         member?/2 min/1 min/2 min/3 min_by/2 min_by/3 min_by/4 min_max/1 min_max/2 \
         min_max_by/2 min_max_by/3 min_max_by/4 product/1 random/1 reduce/2 reduce/3 \
         reduce_while/3 reject/2 reverse/1 reverse/2 reverse_slice/3 scan/2 scan/3 shuffle/1 \
         slice/2 slice/3 slide/3 sort/1 sort/2 sort_by/2 sort_by/3 split/2 split_while/2 \
         split_with/2 sum/1 take/2 take_every/2 take_random/2 take_while/2 to_list/1 uniq/1 \
         uniq_by/2 unzip/1 with_index/1 with_index/2 zip/1 zip/2 zip_reduce/3 zip_reduce/4 \
         zip_with/2 zip_with/3",
    ),
    (
        "Elixir.String",
        "at/2 bag_distance/2 capitalize/1 capitalize/2 chunk/2 codepoints/1 contains?/2 \
         downcase/1 downcase/2 duplicate/2 ends_with?/2 equivalent?/2 first/1 graphemes/1 \
         jaro_distance/2 last/1 length/1 match?/2 myers_difference/2 next_codepoint/1 \
         next_grapheme/1 normalize/2 pad_leading/2 pad_leading/3 pad_trailing/2 \
         pad_trailing/3 printable?/1 printable?/2 replace/3 replace/4 replace_leading/3 \
         replace_prefix/3 replace_suffix/3 replace_trailing/3 reverse/1 slice/2 slice/3 \
         split/1 split/2 split/3 split_at/2 splitter/2 splitter/3 starts_with?/2 to_atom/1 \
         to_charlist/1 to_existing_atom/1 to_float/1 to_integer/1 to_integer/2 trim/1 trim/2 \
         trim_leading/1 trim_leading/2 trim_trailing/1 trim_trailing/2 upcase/1 upcase/2 \
         valid?/1",
    ),
    (
        "Elixir.Map",
        "delete/2 drop/2 equal?/2 fetch/2 fetch!/2 filter/2 from_keys/2 from_struct/1 get/2 \
         get/3 get_and_update/3 get_and_update!/3 get_lazy/3 has_key?/2 keys/1 merge/2 \
         merge/3 new/0 new/1 new/2 pop/2 pop/3 pop!/2 pop_lazy/3 put/3 put_new/3 \
         put_new_lazy/3 reject/2 replace/3 replace!/3 replace_lazy/3 split/2 take/2 to_list/1 \
         update/4 update!/3 values/1",
    ),
    (
        "Elixir.List",
        "ascii_printable?/1 ascii_printable?/2 delete/2 delete_at/2 duplicate/2 first/1 \
         first/2 flatten/1 flatten/2 foldl/3 foldr/3 improper?/1 insert_at/3 keydelete/3 \
         keyfind/3 keyfind/4 keyfind!/3 keymember?/3 keyreplace/4 keysort/2 keysort/3 \
         keystore/4 keytake/3 last/1 last/2 myers_difference/2 myers_difference/3 pop_at/2 \
         pop_at/3 replace_at/3 starts_with?/2 to_atom/1 to_charlist/1 to_existing_atom/1 \
         to_float/1 to_integer/1 to_integer/2 to_string/1 to_tuple/1 update_at/3 wrap/1 zip/1",
    ),
    (
        "Elixir.Tuple",
        "append/2 delete_at/2 duplicate/2 insert_at/3 product/1 sum/1 to_list/1",
    ),
    (
        "Elixir.Integer",
        "is_even/1 is_odd/1 digits/1 digits/2 extended_gcd/2 floor_div/2 gcd/2 mod/2 parse/1 \
         parse/2 pow/2 to_charlist/1 to_charlist/2 to_string/1 to_string/2 undigits/1 \
         undigits/2",
    ),
    ("Elixir.Atom", "to_charlist/1 to_string/1"),
    (
        "Elixir.Module",
        "__get_attribute__/4 __put_attribute__/5 add_doc/5 add_doc/6 attributes_in/1 \
         check_derive_behaviours_and_impls/4 compile_definition_attributes/6 concat/1 \
         concat/2 create/3 defines?/2 defines?/3 defines_type?/2 definitions_in/1 \
         definitions_in/2 delete_attribute/2 delete_definition/2 eval_quoted/2 eval_quoted/3 \
         eval_quoted/4 get_attribute/2 get_attribute/3 get_definition/2 get_definition/3 \
         has_attribute?/2 make_overridable/2 open?/1 overridable?/2 overridables_in/1 \
         put_attribute/3 register_attribute/3 reserved_attributes/0 safe_concat/1 \
         safe_concat/2 spec_to_callback/2 split/1",
    ),
    (
        "Elixir.Keyword",
        "delete/2 delete_first/2 drop/2 equal?/2 fetch/2 fetch!/2 filter/2 from_keys/2 get/2 \
         get/3 get_and_update/3 get_and_update!/3 get_lazy/3 get_values/2 has_key?/2 keys/1 \
         keyword?/1 merge/2 merge/3 new/0 new/1 new/2 pop/2 pop/3 pop!/2 pop_first/2 \
         pop_first/3 pop_lazy/3 pop_values/2 put/3 put_new/3 put_new_lazy/3 reject/2 \
         replace/3 replace!/3 replace_lazy/3 split/2 take/2 to_list/1 update/4 update!/3 \
         validate/2 validate!/2 values/1",
    ),
    (
        "Elixir.Exception",
        "blame/3 blame_mfa/3 exception?/1 format/2 format/3 format_banner/2 format_banner/3 \
         format_error/2 format_exit/1 format_fa/2 format_file_line/2 format_file_line/3 \
         format_file_line_column/3 format_file_line_column/4 format_mfa/3 format_snippet/2 \
         format_stacktrace/0 format_stacktrace/1 format_stacktrace_entry/1 message/1 \
         normalize/2 normalize/3",
    ),
    (
        "Elixir.Access",
        "all/0 at/1 at!/1 elem/1 fetch/2 fetch!/2 filter/1 get/2 get/3 get_and_update/3 key/1 \
         key/2 key!/1 pop/2 slice/1",
    ),
    (
        "Elixir.Float",
        "ceil/1 ceil/2 floor/1 floor/2 max_finite/0 min_finite/0 parse/1 pow/2 ratio/1 \
         round/1 round/2 to_charlist/1 to_string/1",
    ),
    ("Elixir.Function", "capture/3 identity/1 info/1 info/2"),
    (
        "Elixir.System",
        "argv/0 argv/1 at_exit/1 build_info/0 cmd/2 cmd/3 compiled_endianness/0 \
         convert_time_unit/3 cwd/0 cwd!/0 delete_env/1 endianness/0 fetch_env/1 fetch_env!/1 \
         find_executable/1 get_env/0 get_env/1 get_env/2 get_pid/0 halt/0 halt/1 \
         monotonic_time/0 monotonic_time/1 no_halt/0 no_halt/1 os_time/0 os_time/1 \
         otp_release/0 pid/0 put_env/1 put_env/2 restart/0 schedulers/0 schedulers_online/0 \
         shell/1 shell/2 stacktrace/0 stop/0 stop/1 system_time/0 system_time/1 time_offset/0 \
         time_offset/1 tmp_dir/0 tmp_dir!/0 trap_signal/2 trap_signal/3 unique_integer/0 \
         unique_integer/1 untrap_signal/2 user_home/0 user_home!/0 version/0",
    ),
    (
        "Elixir.Range",
        "__struct__/0 __struct__/1 disjoint?/2 new/2 new/3 range?/1 shift/2 size/1",
    ),
    (
        "erlang",
        "binary_to_atom/1 binary_to_existing_atom/1 check_process_code/2 check_process_code/3 \
         alias/0 garbage_collect/1 garbage_collect/2 garbage_collect_message_area/0 \
         is_alive/0 process_display/2 process_flag/3 setnode/3 suspend_process/2 \
         suspend_process/1 trace_pattern/2 spawn/2 spawn_link/2 spawn_monitor/2 \
         spawn_monitor/3 spawn_opt/2 spawn_opt/3 spawn/4 spawn_link/4 spawn_monitor/4 \
         spawn_opt/5 spawn_request/1 spawn_request/2 spawn_request/3 spawn_request/4 \
         spawn_request/5 yield/0 disconnect_node/1 fun_info/1 send_nosuspend/2 \
         send_nosuspend/3 port_call/2 port_call/3 port_info/1 set_cookie/1 set_cookie/2 \
         get_cookie/0 get_cookie/1 min/2 memory/0 memory/1 module_info/0 module_info/1 \
         localtime_to_universaltime/1 max/2 port_control/3 port_connect/2 port_command/2 \
         port_command/3 port_close/1 open_port/2 prepare_loading/2 trace/3 trace_pattern/3 \
         spawn_monitor/1 spawn/1 load_module/2 group_leader/2 apply/3 spawn_link/1 \
         purge_module/1 port_info/2 halt/0 atom_to_binary/1 garbage_collect/0 halt/1 apply/2 \
         delay_trap/2 format_cpu_topology/1 set_cpu_topology/1 convert_time_unit/3 \
         dmonitor_node/3 error/3 monitor/3 unalias/1 alias/1 integer_to_binary/2 \
         integer_to_list/2 is_map_key/2 map_get/2 iolist_to_iovec/1 ceil/1 floor/1 \
         has_prepared_code_on_load/1 get_keys/0 fun_info_mfa/1 map_size/1 is_map/1 \
         binary_to_float/1 float_to_binary/2 float_to_binary/1 list_to_integer/2 \
         integer_to_binary/1 binary_to_integer/2 binary_to_integer/1 delete_element/2 \
         insert_element/3 finish_loading/1 dt_append_vm_tag_data/1 dt_prepend_vm_tag_data/1 \
         dt_restore_tag/1 dt_spread_tag/1 dt_get_tag_data/0 dt_get_tag/0 dt_put_tag/1 \
         posixtime_to_universaltime/1 universaltime_to_posixtime/1 check_old_code/1 \
         nif_error/2 nif_error/1 binary_part/3 binary_part/2 binary_to_term/2 \
         finish_after_on_load/2 call_on_load_function/1 load_nif/2 binary_to_existing_atom/2 \
         binary_to_atom/2 atom_to_binary/2 decode_packet/3 bitstring_to_list/1 \
         list_to_bitstring/1 bit_size/1 byte_size/1 tuple_size/1 is_bitstring/1 \
         list_to_existing_atom/1 iolist_to_binary/1 iolist_size/1 make_fun/3 is_boolean/1 \
         get_module_info/2 get_module_info/1 hibernate/3 match_spec_test/3 is_record/3 \
         is_record/2 is_function/2 is_function/1 is_binary/1 is_reference/1 is_port/1 \
         is_pid/1 is_number/1 is_integer/1 is_float/1 is_tuple/1 is_list/1 is_atom/1 \
         subtract/2 --/2 append/2 ++/2 send/3 send/2 !/2 +/1 -/1 bnot/1 bsr/2 bsl/2 bxor/2 \
         band/2 bor/2 rem/2 div/2 //2 */2 -/2 +/2 /=/2 =/=/2 ==/2 =:=/2 =</2 </2 >=/2 >/2 \
         not/1 xor/2 or/2 and/2 is_builtin/3 raise/3 error/2 error/1 is_process_alive/1 \
         demonitor/2 demonitor/1 monitor/2 fun_to_list/1 port_to_list/1 ref_to_list/1 \
         system_profile/0 system_profile/2 system_monitor/2 system_monitor/1 system_monitor/0 \
         system_info/1 system_flag/2 make_tuple/3 append_element/2 make_tuple/2 read_timer/2 \
         read_timer/1 cancel_timer/2 cancel_timer/1 send_after/4 send_after/3 start_timer/4 \
         start_timer/3 bump_reductions/1 resume_process/1 seq_trace_print/2 seq_trace_print/1 \
         seq_trace_info/1 seq_trace/2 trace_delivered/1 trace_info/2 port_get_data/1 \
         port_set_data/2 spawn_request_abandon/1 dist_ctrl_set_opt/3 dist_ctrl_get_opt/2 \
         dist_ctrl_get_data_notification/1 dist_ctrl_get_data/1 dist_ctrl_put_data/2 \
         dist_ctrl_input_handler/2 dist_get_stat/1 setnode/2 spawn_opt/4 whereis/1 \
         unregister/1 unlink/1 universaltime_to_localtime/1 universaltime/0 tuple_to_list/1 \
         trunc/1 tl/1 time/0 throw/1 term_to_iovec/2 term_to_iovec/1 term_to_binary/2 \
         term_to_binary/1 statistics/1 split_binary/2 spawn_link/3 spawn/3 size/1 \
         setelement/3 self/0 round/1 registered/0 register/2 put/2 processes/0 process_info/2 \
         process_info/1 process_flag/2 pre_loaded/0 ports/0 pid_to_list/1 timestamp/0 \
         time_offset/1 time_offset/0 system_time/1 system_time/0 monotonic_time/1 \
         monotonic_time/0 now/0 nodes/2 nodes/1 nodes/0 node/0 node/1 monitor_node/3 \
         monitor_node/2 function_exported/3 module_loaded/1 md5_final/1 md5_update/2 \
         md5_init/0 md5/1 unique_integer/1 unique_integer/0 make_ref/0 \
         localtime_to_universaltime/2 localtime/0 loaded/0 list_to_tuple/1 list_to_ref/1 \
         list_to_port/1 list_to_pid/1 list_to_integer/1 list_to_float/1 list_to_binary/1 \
         list_to_atom/1 link/1 length/1 integer_to_list/1 hd/1 phash2/2 phash2/1 phash/2 \
         halt/2 group_leader/0 get_keys/1 get/1 get/0 fun_info/2 float_to_list/2 \
         float_to_list/1 float/1 external_size/2 external_size/1 exit_signal/2 exit/2 exit/1 \
         erase/1 erase/0 element/2 display_nl/0 display_string/1 display/1 delete_module/1 \
         date/0 crc32_combine/3 crc32/2 crc32/1 binary_to_term/1 binary_to_list/3 \
         binary_to_list/1 atom_to_list/1 adler32_combine/3 adler32/2 adler32/1 abs/1 \
         gather_gc_info_result/1 alloc_sizes/1 alloc_info/1",
    ),
    (
        "math",
        "pi/0 module_info/0 module_info/1 fmod/2 ceil/1 floor/1 pow/2 atan2/2 sqrt/1 log10/1 \
         log2/1 log/1 exp/1 erfc/1 erf/1 atanh/1 atan/1 asinh/1 asin/1 acosh/1 acos/1 tanh/1 \
         tan/1 sinh/1 sin/1 cosh/1 cos/1",
    ),
    (
        "lists",
        "append/2 subtract/2 nthtail/2 prefix/2 suffix/2 droplast/1 seq/2 seq/3 sum/1 \
         duplicate/2 min/1 max/1 sublist/3 sublist/2 zip/2 zip3/3 unzip3/1 zipwith/3 \
         zipwith3/4 merge3/3 rmerge3/3 merge/2 rmerge/2 concat/1 flatten/2 flatlength/1 \
         keydelete/3 keyreplace/4 keytake/3 keystore/4 keysort/2 keymerge/3 rkeymerge/3 \
         ukeysort/2 ukeymerge/3 rukeymerge/3 keymap/3 enumerate/1 enumerate/2 sort/2 merge/3 \
         rmerge/3 usort/2 umerge/3 rumerge/3 umerge/1 umerge3/3 rumerge3/3 umerge/2 rumerge/2 \
         flatmap/2 filtermap/2 zf/2 mapfoldr/3 takewhile/2 search/2 split/2 uniq/1 uniq/2 \
         module_info/0 module_info/1 splitwith/2 join/2 foldr/3 last/1 dropwhile/2 merge/1 \
         partition/2 any/2 unzip/1 filter/2 usort/1 mapfoldl/3 append/1 foldl/3 reverse/1 \
         map/2 nth/2 delete/2 flatten/1 all/2 sort/1 foreach/2 keyfind/3 keysearch/3 \
         keymember/3 reverse/2 member/2",
    ),
    (
        "maps",
        "intersect/2 intersect_with/3 new/0 update_with/4 filtermap/2 size/1 \
         groups_from_list/2 groups_from_list/3 module_info/0 module_info/1 without/2 filter/2 \
         merge_with/3 next/1 iterator/1 update_with/3 foreach/2 to_list/1 map/2 with/2 fold/3 \
         get/3 from_keys/2 take/2 values/1 update/3 remove/2 put/3 merge/2 keys/1 is_key/2 \
         from_list/1 get/2 find/2",
    ),
    (
        "timer",
        "send_after/3 send_after/2 exit_after/3 kill_after/2 kill_after/1 apply_interval/4 \
         send_interval/3 send_interval/2 cancel/1 tc/1 tc/2 tc/3 now_diff/2 seconds/1 \
         minutes/1 hours/1 hms/3 start/0 start_link/0 init/1 handle_call/3 handle_info/2 \
         handle_cast/2 terminate/2 code_change/3 module_info/0 module_info/1 sleep/1 \
         apply_after/4 exit_after/2",
    ),
    (
        "os",
        "perf_counter/1 getenv/0 getenv/2 version/0 find_executable/2 cmd/1 cmd/2 \
         module_info/0 module_info/1 find_executable/1 type/0 env/0 set_signal/2 \
         perf_counter/0 system_time/1 system_time/0 timestamp/0 getpid/0 unsetenv/1 putenv/2 \
         getenv/1",
    ),
];

/// `function_exported?/3` over the export lists otpsh knows (every module here is
/// loaded, as in iex). Macros are not functions: Kernel lists its macros first, up to `!=/2`.
pub fn function_exported(m: &Term, f: &Term, a: &Term) -> Result<Term, Error> {
    let fail = |argument, problem| {
        Err(super::bif(
            "function_exported",
            &[m, f, a],
            argument,
            problem,
        ))
    };
    let (Some(module), Some(function)) = (m.as_atom(), f.as_atom()) else {
        let argument = if m.as_atom().is_some() { 2 } else { 1 };
        return fail(argument, "not an atom");
    };
    let Term::Int(arity) = a else {
        return fail(3, "not an integer");
    };
    let wanted = format!("{}/{arity}", function.name());
    let module = module.name();
    let exported = EXPORTS
        .iter()
        .filter(|(name, _)| *name == module)
        .any(|(_, list)| {
            let list = list.split_whitespace();
            let mut functions = list.skip_while(|fa| module == "Elixir.Kernel" && *fa != "!=/2");
            functions.any(|fa| fa == wanted)
        });
    let builtin = matches!(wanted.as_str(), "module_info/0" | "module_info/1")
        || (wanted == "__info__/1" && module.starts_with("Elixir."));
    let loaded = super::known(module);
    Ok(Term::bool(exported || loaded && builtin))
}
