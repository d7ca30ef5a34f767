package io.coinwatch.core.legacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * coinwatch.legacy-import.*: where the Python Coinwatch's database is (a JDBC URL, also COINWATCH_LEGACY_IMPORT_URL,
 * _USERNAME, _PASSWORD) and how many rows a page reads. Read at the start of every run, so an operator sets them once
 * and starts the import through the API.
 */
@ConfigurationProperties("coinwatch.legacy-import")
public class LegacyImportProperties {

    private String url;
    private String username;
    private String password;
    private int pageSize = 10_000;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }
}
