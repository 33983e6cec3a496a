/*
 * access_verify.c: offline card verifications per second (bench/access.sh).
 *
 * Signs the tokens of a population's cards once, then verifies them in a loop
 * for about two seconds against the public key and a revocation list, as a
 * scanner without network does (pd_acr_token_verify: Ed25519 via libsodium,
 * a binary search in the list, dates, venue, zone). One thread.
 * usage: access_verify [CARDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "podium/accreditation.h"
#include "podium/json.h"

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static const char *const venues[] = {"NIS", "CIS", "YAS", "MMC", "OVB"};
    size_t cards = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000;
    pd_diag diag = {0};
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    if (cards == 0 || cards > 100000 || sodium_init() < 0)
        return 2;
    crypto_sign_keypair(pk, sk);
    pd_acr *acr = pd_acr_new(venues, 5, &diag);
    json_t *people = json_array();
    for (size_t i = 0; i < cards; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%06zu", i);
        json_array_append_new(
            people, json_pack("{s:s, s:s, s:s, s:s, s:s, s:[s, s], s:[s, s], s:s, s:s}", "id", id,
                              "name", "BENCH Person", "org_type", "OCOG", "organisation", "BOCOG",
                              "category", "Ws", "venues", "NIS", "OVB", "zones", "1", "2",
                              "valid_from", "2022-01-20", "valid_to", "2022-02-25"));
    }
    json_t *obs = json_pack("{s:s, s:o}", "type", "people", "people", people);
    if (!acr || pd_acr_apply(acr, 1, obs, "bench", 0) != PD_OK)
        return 1;
    json_decref(obs);
    char(*tokens)[PD_ACR_TOKEN_MAX] = malloc(cards * sizeof *tokens);
    for (size_t i = 0; tokens && i < cards; i++)
        if (pd_acr_token(acr, (uint32_t)(i + 1), sk, tokens[i], sizeof tokens[i], &diag))
            return 1;
    uint32_t revoked[100];
    for (size_t i = 0; i < 100; i++)
        revoked[i] = (uint32_t)(i * 7 + 1);
    size_t done = 0, allowed = 0;
    double start = seconds(), now = start;
    while (now - start < 2.0) {
        for (size_t k = 0; k < 1000; k++, done++) {
            pd_acr_token_info info;
            pd_acr_decision d;
            if (pd_acr_token_verify(tokens[done % cards], pk, revoked, 100, "NIS", "2", 20220210,
                                    &info, &d, &diag) != PD_OK)
                return 1;
            allowed += d.allow;
        }
        now = seconds();
    }
    printf("offline verifications/s %.0f (%zu in %.2f s, %zu allowed, one thread)\n",
           (double)done / (now - start), done, now - start, allowed);
    free(tokens);
    pd_acr_free(acr);
    return 0;
}
