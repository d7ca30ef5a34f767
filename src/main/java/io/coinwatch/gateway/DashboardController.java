package io.coinwatch.gateway;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * GET / shows the dashboard (static/dashboard.html). Not Spring Boot's welcome page: with an index.html, Boot
 * answers a request that does not accept HTML (and any POST to /) with a bare 406 outside the error contract.
 */
@Controller
@ConditionalOnRole(Role.GATEWAY)
public class DashboardController {

    @GetMapping("/")
    public String dashboard() {
        return "forward:/dashboard.html";
    }
}
