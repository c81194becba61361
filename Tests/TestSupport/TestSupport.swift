// Shared test helpers: real peers (nginx, fault server, SMTP) started on 127.0.0.1 and a free port.
