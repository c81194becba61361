/// The embedded default: used by `run` and `poll` when no config file exists.
/// It is byte-for-byte `deploy/config.example.yaml` (a test keeps the two equal).
public enum DefaultConfig {
    public static let yaml = #"""
# newsalert configuration: copy to /etc/newsalert/config.yaml and edit.
# Without any config file, `newsalert run` uses exactly this file's settings (the embedded default).
# Durations read as 90s, 5m, 1h, 1d; sizes as 512KiB, 10MiB.

# database: /var/lib/newsalert/newsalert.db   # default: $STATE_DIRECTORY/newsalert.db, else ./var/newsalert.db
rules: ./rules                                 # a directory of *.yaml (one file per person), or one file
listen: 127.0.0.1:9464                         # /healthz /readyz /metrics and WebSub callbacks; "off" disables
retention: 30d                                 # stories older than this are pruned (alerts still owed are kept)

http:
  user_agent: "newsalert/0.1 (self-hosted news alerts)"
  timeout: 20s
  max_body: 10MiB
  max_concurrency: 32
  per_domain: 2

# smtp:
#   url: smtp://mail.example.org:587          # smtps://host:465 for implicit TLS
#   tls: required                              # required | implicit | none (none: loopback relays only)
#   username: newsalert
#   password_file: /run/credentials/newsalert.service/smtp-password   # or password_env
#   from: "News alerts <alerts@example.org>"

webhooks:
  allow_private: []                            # CIDRs webhook targets may reach, e.g. [127.0.0.1/32]

delivery:
  lease: 2m                                    # after a crash, alerts that were being sent go out again after this

notices:                                       # tell owners (first working channel) when something breaks; "off" disables
  source_failing: 1d                           # a source failing this long (or gone: 410) → one notice to every owner
  channel_failing: 6h                          # a channel not delivering this long → one notice to its owner

# templates: /etc/newsalert/templates          # subject.mustache, text.mustache, html.mustache override the built-in emails

# websub:                                      # push from WebSub hubs for feeds that advertise one (rel=hub); off while unset
#   callback_base: https://news.example.org/newsalert   # public URL proxied to listen: (hubs call <base>/websub/<id>)
#   lease: 10d                                 # lease asked of hubs; renewed before it ends; polling goes on 6x slower

sources:
  - { name: bbc-world, url: "https://feeds.bbci.co.uk/news/world/rss.xml", every: 5m }
  - { name: aljazeera, url: "https://www.aljazeera.com/xml/rss/all.xml", every: 5m }
  - { name: npr-world, url: "https://feeds.npr.org/1004/rss.xml" }
  - { name: guardian-world, url: "https://www.theguardian.com/world/rss" }
  - { name: dw-english, url: "https://rss.dw.com/rdf/rss-en-all" }
  - { name: france24, url: "https://www.france24.com/en/rss" }
  - { name: un-news, url: "https://news.un.org/feed/subscribe/en/news/all/rss.xml" }
  - { name: thehill, url: "https://thehill.com/feed/", full_text: true }
"""#
}
