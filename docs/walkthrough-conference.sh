#!/usr/bin/env bash
# Two users talk: alice invites bob to an IM conversation, bob accepts, alice says hello and bob
# reads it. With a third password, alice then adds carol: the conversation becomes a conference,
# carol accepts the onlineMeetingInvitation, and alice watches her participantInvitation complete.
# Run against a server started with `bin/ucwa-server`:
#   docs/walkthrough-conference.sh http://127.0.0.1:8080 ALICE_PASSWORD BOB_PASSWORD [CAROL_PASSWORD]
# Needs curl and python3. Every URL after the first comes from a link the server gave. It can be
# run again and again: each run makes fresh applications (new endpoint ids), keeps its files in a
# temporary folder, and deletes its applications and that folder when it ends.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}; ALICE_PW=$2; BOB_PW=$3; CAROL_PW=${4:-}
RUN=$(date +%s)-$$
TMP=$(mktemp -d); export TMP
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }

sign_in() {  # user password -> prints token and the application's JSON into files named after user
  local user=$1 pw=$2 user_url token apps
  user_url=$(curl -s "$BASE/" | json "['_links']['user']['href']")
  token=$(curl -s -X POST "$BASE/WebTicket/oauthtoken" \
    -H "Content-Type: application/x-www-form-urlencoded" \
    --data-urlencode grant_type=password --data-urlencode "username=$user@contoso.com" \
    --data-urlencode "password=$pw" | json "['access_token']")
  apps=$(curl -s -H "Authorization: Bearer $token" "$user_url" | json "['_links']['applications']['href']")
  curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -X POST "$apps" \
    -d "{\"UserAgent\":\"walkthrough\",\"EndpointId\":\"walkthrough-$user-$RUN\",\"Culture\":\"en-US\"}" > "$TMP/$user.json"
  echo "$token" > "$TMP/$user.token"
  signed_in+=("$user")
}
link() { json "$2" < "$TMP/$1.json"; }
call() { local user=$1; shift; curl -s -H "Authorization: Bearer $(cat "$TMP/$user.token")" "$@"; }
events() {  # user: one P-GET, printing the events and remembering the next link
  local user=$1; local next=$TMP/$1.next body
  [ -f "$next" ] || link "$user" "['_links']['events']['href']" > "$next"
  body=$(call "$user" "$BASE$(cat "$next")&timeout=5")
  echo "$body" | json "['_links']['next']['href']" > "$next"
  echo "$body" | python3 -c 'import json,sys
for s in json.load(sys.stdin).get("sender", []):
    for e in s["events"]:
        print("   ", s["rel"], e["type"], e["link"]["rel"], e["link"]["href"])'
  echo "$body" > "$TMP/$user.events"
}
signed_in=()
cleanup() {  # delete this run's applications, then its files
  for user in "${signed_in[@]}"; do
    call "$user" -o /dev/null -X DELETE "$BASE$(link "$user" "['_links']['self']['href']")" || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT

sign_in alice "$ALICE_PW"; sign_in bob "$BOB_PW"
echo "bob makes himself available"
call bob -X POST -H 'Content-Type: application/json' -d '{"SupportedModalities":["Messaging"]}' \
  "$BASE$(link bob "['_embedded']['me']['_links']['makeMeAvailable']['href']")"
events bob

echo "alice invites bob"
call alice -i -X POST -H 'Content-Type: application/json' \
  -d '{"to":"sip:bob@contoso.com","subject":"Walkthrough","operationId":"walk-1"}' \
  "$BASE$(link alice "['_embedded']['communication']['_links']['startMessaging']['href']")" | grep -i '^location'
events alice
echo "bob sees the invitation and accepts it"
events bob
ACCEPT=$(python3 -c 'import json, os
for s in json.load(open(os.environ["TMP"] + "/bob.events"))["sender"]:
    for e in s["events"]:
        if e["link"]["rel"] == "messagingInvitation":
            print(e["_embedded"]["messagingInvitation"]["_links"]["accept"]["href"])')
call bob -X POST "$BASE$ACCEPT"
events bob
echo "alice hears that bob accepted"
events alice

SEND=$(python3 -c 'import json, os
for s in json.load(open(os.environ["TMP"] + "/alice.events"))["sender"]:
    for e in s["events"]:
        if e["link"]["rel"] == "messaging" and e["_embedded"]["messaging"]["state"] == "Connected":
            print(e["_embedded"]["messaging"]["_links"]["sendMessage"]["href"])')
echo "alice says hello"
call alice -X POST -H 'Content-Type: text/plain' --data 'Hello Bob!' "$BASE$SEND?operationId=hello"
events bob
events alice

[ -n "$CAROL_PW" ] || exit 0

sign_in carol "$CAROL_PW"
echo "carol makes herself available"
call carol -X POST -H 'Content-Type: application/json' -d '{"SupportedModalities":["Messaging"]}' \
  "$BASE$(link carol "['_embedded']['me']['_links']['makeMeAvailable']['href']")"
events carol

CONVERSATION=$(python3 -c 'import json, os
found = [e["_embedded"]["message"]["_links"]["messaging"]["href"].rsplit("/messaging", 1)[0]
         for s in json.load(open(os.environ["TMP"] + "/alice.events"))["sender"]
         for e in s["events"] if e["link"]["rel"] == "message"]
print(found[0])')
ADD=$(call alice "$BASE$CONVERSATION" | json "['_links']['addParticipant']['href']")
echo "alice adds carol: the conversation escalates to a conference"
call alice -i -X POST -H 'Content-Type: application/json' \
  -d '{"to":"sip:carol@contoso.com","operationId":"add-carol"}' "$BASE$ADD" | grep -i '^location'
events alice
echo "carol sees the onlineMeetingInvitation and accepts it"
events carol
JOIN=$(python3 -c 'import json, os
for s in json.load(open(os.environ["TMP"] + "/carol.events"))["sender"]:
    for e in s["events"]:
        if e["link"]["rel"] == "onlineMeetingInvitation":
            print(e["_embedded"]["onlineMeetingInvitation"]["_links"]["accept"]["href"])')
call carol -X POST "$BASE$JOIN"
events carol
echo "alice sees carol join, then her participantInvitation complete"
events alice
python3 -c 'import json, os
for s in json.load(open(os.environ["TMP"] + "/alice.events"))["sender"]:
    for e in s["events"]:
        if e["link"]["rel"] == "participantInvitation" and e["type"] == "completed":
            print("    participantInvitation", e["status"], "accepted by",
                  e["_embedded"]["participantInvitation"]["_embedded"]["acceptedByParticipant"][0]["name"])'
