/*
 * config.h - the process lifetime's settings: command-line options, each
 * also readable from an environment variable (the option wins).
 *
 * config_parse is pure apart from the getenv function it is given, so the
 * unit tests drive it with their own environment.
 */
#ifndef MH_CONFIG_H
#define MH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define CONFIG_URL_MAX 512
#define CONFIG_SECRET_MAX 256

struct config {
	char db_path[512];      /* --db, MATHSHUBS_DB */
	char database_url[1024]; /* --postgres, MATHSHUBS_DATABASE_URL: use PostgreSQL ("" = SQLite) */
	char listen_addr[64];   /* --listen ADDR:PORT, MATHSHUBS_LISTEN (address part) */
	unsigned listen_port;   /* (port part; 0 = any free port) */
	unsigned threads;       /* --threads, MATHSHUBS_THREADS */
	char base_url[256];     /* --base-url, MATHSHUBS_BASE_URL (no trailing slash) */
	bool base_url_given;    /* false: derived from --listen */
	unsigned conn_timeout;  /* --connection-timeout seconds, MATHSHUBS_CONNECTION_TIMEOUT */
	unsigned max_conns;     /* --max-connections, MATHSHUBS_MAX_CONNECTIONS */
	unsigned max_conns_ip;  /* --max-connections-per-ip, MATHSHUBS_MAX_CONNECTIONS_PER_IP */
	size_t conn_memory;     /* --connection-memory bytes, MATHSHUBS_CONNECTION_MEMORY */
	size_t max_body;        /* --max-body bytes, MATHSHUBS_MAX_BODY */
	size_t max_upload;      /* --max-upload bytes (routes with RF_UPLOAD), MATHSHUBS_MAX_UPLOAD */
	unsigned shutdown_grace; /* --shutdown-grace seconds, MATHSHUBS_SHUTDOWN_GRACE */
	char smtp_url[512];     /* --smtp-url smtp[s]://[user:pass@]HOST:PORT, MATHSHUBS_SMTP_URL ("" = queue only) */
	char mail_from[256];    /* --mail-from, MATHSHUBS_MAIL_FROM */
	char sms_gateway_url[CONFIG_URL_MAX];   /* --sms-gateway-url: JSON POST {to, message} (docs/SMS.md) */
	char sms_api_key[CONFIG_SECRET_MAX];    /* --sms-api-key, MATHSHUBS_SMS_API_KEY: sent as a Bearer token */
	char voice_gateway_url[CONFIG_URL_MAX]; /* --voice-gateway-url: the same POST; the message is read aloud */
	char voice_api_key[CONFIG_SECRET_MAX];  /* --voice-api-key, MATHSHUBS_VOICE_API_KEY */
	char secret_key_file[CONFIG_URL_MAX];   /* --secret-key-file: the key of auth/sealed.h ("" = none) */
	char trusted_proxies[256]; /* --trusted-proxies A,B: peers whose X-Forwarded-For names the client */
};

typedef const char *(*config_getenv_fn)(const char *name);

/* Fills c with defaults, then the environment (through get), then the
 * options in argv[0..argc). On a bad value returns ERR_INVALID and writes a
 * message naming the option to err. argv holds only options (no command). */
enum err config_parse(struct config *c, int argc, char **argv, config_getenv_fn get, char *err,
		      size_t errlen);

/* The option reference printed by `mathshubs --help`. */
void config_print_options(void);

#endif
