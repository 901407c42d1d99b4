package dev.loadlab.targethost.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /items?limit=N}: the page a browsing user reads stays N items however many were created. */
class ShopListTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopSettings settings = ShopSettings.forNewHost("pw");
    private final Shop shop = new Shop(settings);

    @AfterEach
    void clean() {
        settings.deleteItems();
    }

    @Test
    void aLimitGivesTheNewestItemsOldestFirst() throws Exception {
        String token = login();
        for (int i = 1; i <= 5; i++) {
            assertThat(shop.createItem(token, Answer.JSON, bytes("{\"n\":" + i + "}"))
                            .status())
                    .isEqualTo(201);
        }

        JsonNode page = JSON.readTree(text(shop.listItems(token, "limit=2")));
        assertThat(page).hasSize(2);
        assertThat(page.get(0).get("n").asInt()).isEqualTo(4);
        assertThat(page.get(1).get("n").asInt()).isEqualTo(5);
        assertThat(JSON.readTree(text(shop.listItems(token, null)))).hasSize(5);
    }

    @Test
    void aLimitOutsideItsRangeIsRefusedNamingTheRange() throws Exception {
        String token = login();
        for (String query : new String[] {"limit=0", "limit=1001", "page=2", "limit=x"}) {
            Answer refused = shop.listItems(token, query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(text(refused)).contains("limit=N with N from 1 to 1000");
        }
    }

    private String login() throws Exception {
        Answer login = shop.login(Answer.JSON, bytes("{\"user\":\"u\",\"password\":\"pw\"}"));
        assertThat(login.status()).isEqualTo(200);
        return "Bearer " + JSON.readTree(text(login)).get("token").asText();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
