// The Kamailio configuration the tests run against: a WebSocket registrar/proxy as in
// LAB-NOTES, plus rtpengine bridging when one leg is plain UDP (SIPp) and the other WebRTC.
export interface KamailioConfigInput {
  udpPort: number;
  wsPort: number;
  password?: string;
  /** rtpengine's ng control socket, e.g. 'udp:127.0.0.1:2223'; no media relay when absent. */
  rtpengineSock?: string;
  modulesDir: string;
}

// Kamailio config strings are double-quoted; keep the test password from breaking out of them.
function quoted(value: string): string {
  if (/["\\\n\r]/.test(value)) throw new Error('password must not contain quotes, backslashes or newlines');
  return `"${value}"`;
}

export function kamailioConfig(input: KamailioConfigInput): string {
  const auth = input.password !== undefined;
  const rtp = input.rtpengineSock !== undefined;
  const defines = [auth ? '#!define WITH_AUTH' : '', rtp ? '#!define WITH_RTPENGINE' : ''].filter(Boolean).join('\n');
  return `#!KAMAILIO
${defines}
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=2
tcp_children=2
auto_aliases=no
listen=udp:127.0.0.1:${input.udpPort}
listen=tcp:127.0.0.1:${input.wsPort}
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
mpath="${input.modulesDir}"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
#!ifdef WITH_AUTH
loadmodule "auth.so"
#!endif
#!ifdef WITH_RTPENGINE
loadmodule "rtpengine.so"
modparam("rtpengine", "rtpengine_sock", "${input.rtpengineSock ?? ''}")
#!endif

modparam("tm", "fr_timer", 5000)
modparam("tm", "fr_inv_timer", 60000)
modparam("rr", "append_fromtag", 1)
modparam("usrloc", "db_mode", 0)
# A closed WebSocket means the browser is gone: forget its contact at once, so a call to it
# fails fast (404) instead of timing out on a dead connection.
modparam("usrloc", "handle_lost_tcp", 1)
modparam("usrloc", "close_expired_tcp", 1)
modparam("registrar", "max_expires", 3600)
modparam("nathelper|registrar", "received_avp", "$avp(RECEIVED)")
modparam("websocket", "keepalive_mechanism", 0)

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }

  # Readiness probe and keep-alives addressed to the proxy itself.
  if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "OK"); exit; }

  # WebSocket clients write unroutable .invalid contacts: remember where they really are.
  if (nat_uac_test("64")) {
    force_rport();
    if (is_method("REGISTER")) {
      fix_nated_register();
    } else if (!add_contact_alias()) {
      sl_send_reply("400", "Bad Contact");
      exit;
    }
  }

  if (is_method("CANCEL")) {
    if (t_check_trans()) route(RELAY);
    exit;
  }
  if (!is_method("ACK")) {
    if (t_precheck_trans()) { t_check_trans(); exit; }
    t_check_trans();
  }

  route(WITHINDLG);

  remove_hf("Route");
  if (is_method("INVITE|SUBSCRIBE|REFER")) record_route();

  if (is_method("REGISTER")) route(REGISTRAR);
  if ($rU==$null) { sl_send_reply("484", "Address Incomplete"); exit; }

  if (!lookup("location")) {
    t_newtran();
    t_reply("404", "Not Found");
    exit;
  }
  route(RELAY);
}

route[WITHINDLG] {
  if (!has_totag()) return;
  if (loose_route()) {
    if (!isdsturiset()) handle_ruri_alias();
    if (is_method("BYE")) route(RTP_DELETE);
    route(RELAY);
    exit;
  }
  if (is_method("ACK")) {
    if (t_check_trans()) route(RELAY);
    exit;
  }
  sl_send_reply("404", "Not here");
  exit;
}

route[REGISTRAR] {
#!ifdef WITH_AUTH
  if (!pv_www_authenticate("$fd", ${auth ? quoted(input.password ?? '') : '""'}, "0")) {
    www_challenge("$fd", "0");
    exit;
  }
  consume_credentials();
#!endif
  if (!save("location")) sl_reply_error();
  exit;
}

route[RELAY] {
  if (is_method("INVITE|UPDATE|ACK|BYE|CANCEL")) t_on_branch("BRIDGE");
  if (is_method("INVITE|UPDATE")) t_on_reply("REPLY");
  if (is_method("INVITE")) t_on_failure("FAILED");
  if (!t_relay()) sl_reply_error();
  exit;
}

route[RTP_DELETE] {
#!ifdef WITH_RTPENGINE
  rtpengine_delete();
#!endif
  return;
}

# Media needs a relay only when exactly one leg is WebRTC (WS) and the other plain (UDP).
branch_route[BRIDGE] {
#!ifdef WITH_RTPENGINE
  if (!has_body("application/sdp")) return;
  if ($proto == "udp" && $nh(P) =~ "^ws") {
    rtpengine_offer("ICE=force DTLS=passive RTP/SAVPF replace-origin replace-session-connection rtcp-mux-offer");
  } else if ($proto =~ "^ws" && $nh(P) =~ "^udp") {
    rtpengine_offer("ICE=remove RTP/AVP rtcp-mux-demux replace-origin replace-session-connection");
  }
#!endif
  return;
}

# Every reply from a WebSocket client (also to REFER, INFO, NOTIFY) gets its contact aliased.
onreply_route {
  if (nat_uac_test("64")) add_contact_alias();
}

onreply_route[REPLY] {
#!ifdef WITH_RTPENGINE
  if (!has_body("application/sdp")) return;
  if ($proto =~ "^ws" && $T_req($proto) == "udp") {
    rtpengine_answer("ICE=remove RTP/AVP rtcp-mux-demux replace-origin replace-session-connection");
  } else if ($proto == "udp" && $T_req($proto) =~ "^ws") {
    rtpengine_answer("ICE=force DTLS=active RTP/SAVPF replace-origin replace-session-connection rtcp-mux-require");
  }
#!endif
  return;
}

failure_route[FAILED] {
  route(RTP_DELETE);
  return;
}

event_route[xhttp:request] {
  set_reply_close();
  set_reply_no_connect();
  if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
    if (ws_handle_handshake()) exit;
  }
  xhttp_reply("404", "Not Found", "", "");
}
`;
}
