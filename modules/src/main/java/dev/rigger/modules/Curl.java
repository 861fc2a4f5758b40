package dev.rigger.modules;

import java.util.ArrayList;
import java.util.List;

/**
 * The host's curl as the modules that fetch a URL run it (get_url, uri, rpm_key, apt_key,
 * deb822_repository): {@code -q} first, so no {@code ~/.curlrc} (nor one under
 * {@code $CURL_HOME} or {@code $XDG_CONFIG_HOME}) on the host adds options such as
 * {@code --output}, {@code --insecure} or a proxy, as none reaches Ansible's Python urllib;
 * quiet but for errors, following redirects; then the module's own options, and the URL after
 * {@code --} so it is never read as an option. Every value stays one argv word.
 */
public final class Curl {
    private Curl() { }

    /** curl fetching {@code url}; {@code validateCerts} false adds {@code --insecure}; {@code options} go before the URL. */
    public static List<String> argv(boolean validateCerts, List<String> options, String url) {
        // curl reads -q as "no curlrc" only as its first argument.
        List<String> argv = new ArrayList<>(List.of("curl", "-q", "--silent", "--show-error", "--location"));
        if (!validateCerts) argv.add("--insecure");
        argv.addAll(options);
        argv.add("--");
        argv.add(url);
        return argv;
    }
}
