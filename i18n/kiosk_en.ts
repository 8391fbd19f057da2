<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttractPage</name>
    <message>
        <source>24-hour self-service</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n services for residents: social security, medical insurance, elderly care, childcare, housing fund and more</source>
        <translation>
            <numerusform>%n service for residents</numerusform>
            <numerusform>%n services for residents: social security, medical insurance, elderly care, childcare, housing fund and more</numerusform>
        </translation>
    </message>
    <message>
        <source>Touch to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or place your ID card on the reader below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12345 suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandidateBar</name>
    <message>
        <source>Type pinyin; the characters appear here, tap one to choose it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogBrowser</name>
    <message>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most used services</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryTile</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfirmPopup</name>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 years earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 years later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceNoticePanel</name>
    <message>
        <source>The ID card reader is not working right now. You can still browse, and type your details where needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is not working right now. Receipts are shown on the screen to photograph instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code scanner is not working right now. Please search for the service instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The A4 printer cannot print right now, so certificates cannot be printed here at the moment. Staff can help, or try another terminal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <source>Very satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fairly satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How satisfied are you with this service?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · rating is optional and anonymous to the staff here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What stood out? (optional, choose any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FacetListPage</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Question %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is this asked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why we ask: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type with pinyin, or tap a common phrase below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type with pinyin on the keyboard below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common phrases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 digits; the last may be X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile or landline number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not chosen yet: use the buttons below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16 to 19 digits, as on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please place your ID card on the reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, ID number and what else the card holds are then filled in for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card with me: type it in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandlingBadge</name>
    <message>
        <source>Done here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply here, collect at counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guide only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderPanel</name>
    <message>
        <source>Hello, %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Search services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services by need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By life event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12345 suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name or pinyin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleWarningPopup</name>
    <message>
        <source>Are you still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>In %n second(s) this screen returns to the start and everything you entered is cleared.</source>
        <translation>
            <numerusform>In %n second this screen returns to the start and everything you entered is cleared.</numerusform>
            <numerusform>In %n seconds this screen returns to the start and everything you entered is cleared.</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device self-tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print a test receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print an A4 test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network and platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: running …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from the operator now, or type the one-time code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from the operator now (no enrolment host is configured for one-time codes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XXXX-XXXX-XXXX-XXXX-XXXX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the app?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The terminal shows its start screen again in about half a minute. An update in progress is finished first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavigationPanel</name>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticePopup</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PagerBar</name>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinPopup</name>
    <message>
        <source>Staff PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff pages are not set up on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n minute.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n second.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. Wait %n second(s).</source>
        <translation>
            <numerusform>Wrong PIN. Wait %n second.</numerusform>
            <numerusform>Wrong PIN. Wait %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Place your ID card on the reader, or hold the QR code on your receipt under the scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal has no requests of yours. Requests made at a counter or online are not shown here; staff can look them up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests made at this terminal with your ID card, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request on your receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. %1 · submitted %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this terminal; it is sent as soon as the network allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be delivered; staff have been told and will help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn by staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by the department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your ID card.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryDocument</name>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For: %1 (ID %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed at a self-service terminal from the platform&apos;s answer; the platform&apos;s records prevail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <source>The A4 printer has run out of paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper is jammed in the A4 printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A door of the A4 printer is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The A4 printer has run out of toner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The A4 printer cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The A4 printer could not print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate is issued only to the person it is about. Place your own ID card on the reader: it is fetched at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a personal record: only you can see it. Place your own ID card on the reader: it is looked up at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching your certificate from the department…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the department…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This usually takes a few seconds (at most %n second(s)). Nothing is kept on this terminal.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reference %1 · answered %2 · valid until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference %1 · issued %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) · verification code %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Printing page %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed: please take the pages from the A4 printer&apos;s tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was counted: you can print it again once the printer is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing the slip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take the slip from the slot below the screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slip could not be printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your ID card when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print on A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check your answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from your ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use of your personal information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have read this and agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agree above to submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please agree to the use of your information, or end the visit if you do not want to submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some answers need another look; they are marked in red above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request could not be saved on this terminal, so it was not submitted. Nothing was sent. Please ask staff for help or use the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>For 社保查询 type sbcx or shebaochaxun</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found. Check the letters, or browse by need on the home page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, pinyin or its initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: pension, or the pinyin initials sbcx</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceDetailPage</name>
    <message>
        <source>On the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <source>Completed entirely at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply at this terminal, then collect the result at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal explains the service; it is handled at a counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it is handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit and fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promised: %1 · Legal limit: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee: %1 yuan (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee: free of charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needs to be brought.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (if applicable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details in Chinese only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where (in Chinese): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee: %1 yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (in Chinese): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look it up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceListPage</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message>
        <source>No services here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffDevicesPage</name>
    <message>
        <source>normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices (staff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer panel (simulated devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan RS-0001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unplug %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected: check the USB cable and the power.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present but cannot be used: check permissions and the udev rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not answer: switch it off and on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers garbled: check the cable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers fail: try another USB port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reader&apos;s security module is faulty or not authorised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper low: replace the roll soon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper out: replace the roll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover open: close it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cutter jammed: clear the cutter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer error: switch the printer off and on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This printer cannot report its paper state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spare: another device of this kind is in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device layer is stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: waiting for a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: waiting for a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper jam: open the printer and remove the jammed paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Door open: close the printer&apos;s door.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toner low: replace the cartridge soon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toner empty: replace the cartridge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The print job was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer cannot print this document (PDF not accepted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found: check the printer&apos;s power and network cable, and &quot;a4Printer&quot; in the configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot choose the printer (several found, or a bad address): set &quot;a4Printer&quot; in the configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffFleetPage</name>
    <message>
        <source>Terminal id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll the fleet server now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled. Give this terminal id to the fleet&apos;s operator, then enrol it on the maintenance page with the enrolment they send (QR code or one-time code).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffQueuePage</name>
    <message>
        <source>Request queue (staff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request store is unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Oldest waiting request: %n minute(s).</source>
        <translation>
            <numerusform>Oldest waiting request: %n minute.</numerusform>
            <numerusform>Oldest waiting request: %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Store used: %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request store is nearly full. Check the network and the platforms; failed requests can be discarded below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failed requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this request?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It will not be sent to the platform. The resident may need to apply again. This is recorded in the terminal&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Platform %1 refuses this terminal&apos;s clock. %n request(s) are kept and retried. Check the date, time and time server (NTP) of this terminal.</source>
        <translation>
            <numerusform>Platform %1 refuses this terminal&apos;s clock. %n request is kept and retried. Check the date, time and time server (NTP) of this terminal.</numerusform>
            <numerusform>Platform %1 refuses this terminal&apos;s clock. %n requests are kept and retried. Check the date, time and time server (NTP) of this terminal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Platform %1 refuses this terminal&apos;s credentials. %n request(s) are kept and retried. Check this platform&apos;s signing key and certificate.</source>
        <translation>
            <numerusform>Platform %1 refuses this terminal&apos;s credentials. %n request is kept and retried. Check this platform&apos;s signing key and certificate.</numerusform>
            <numerusform>Platform %1 refuses this terminal&apos;s credentials. %n requests are kept and retried. Check this platform&apos;s signing key and certificate.</numerusform>
        </translation>
    </message>
    <message>
        <source>The request store was damaged and could not be read. Requests saved in it could not be sent; residents may need to apply again. A new, empty store was started. The damaged file is kept for a technician: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry all failed for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmittedPage</name>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved — it will be sent automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The department could not accept this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has received your request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 is down right now. Your request is stored safely on this terminal and is sent as soon as the connection is back — you do not need to do anything. Your number stays the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason given: %1. Nothing was lost; staff at the service desk can help you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request is saved on this terminal. Sending it to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Time limit set by law: %n working day(s).</source>
        <translation>
            <numerusform>Time limit set by law: %n working day.</numerusform>
            <numerusform>Time limit set by law: %n working days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Handled on the spot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your receipt from the slot below the screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try printing again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print another copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish and log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer cannot print your receipt right now. Please take a photo of the number and the code, or print it again later. Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To check progress later, tap your ID card on this terminal and choose &quot;Check progress&quot;, or scan the code on the receipt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::Evaluation</name>
    <message>
        <source>Quick and easy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in one visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helpful staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less paperwork</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions unclear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for materials twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard to use the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff were unhelpful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::FleetService</name>
    <message>
        <source>Not polled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled: no fleet server is configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled, but the target token cannot be read (credential fleet.target-token or fleet.targetTokenFile): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last poll failed (%n time(s) in a row): %1. Next try %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Polled %1, next %2 (every %n s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Update %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No update in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading and checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded; applied when no resident is using the terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded; waiting for the maintenance window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting: the fleet server holds the download back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applied (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by one-time code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the enrolment file at first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with kioskctl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1 %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1 (%2) %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with the simulated fleet server (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1 by the terminal&apos;s configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled: %1. The terminal keeps its previous settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the enrolment for code %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the enrolment with %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1: the fleet server accepts this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1, but the server cannot be checked yet (%2). The terminal keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded; applied in the local maintenance window %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::FormSession</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::Journey</name>
    <message>
        <source>12345 citizen service hotline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving department: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I agree that the information above, including my ID number, is sent to %1 to handle &quot;%2&quot;, is used only for that, and is kept as the law requires. This terminal keeps no readable copy.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::KioskApp</name>
    <message>
        <source>Your ID card expired on %1. Some services need a valid card; staff can help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card could not be read. Please place it flat on the reader again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ID card could not be verified. Please ask the staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::MaintenanceService</name>
    <message>
        <source>The A4 test page was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The A4 test page was not printed: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device self-tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No A4 printer is ready: see the device status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet server: not enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network and platform checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No city platform is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated terminal is not restarted (the restart is logged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app restarts in a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::ProgressModel</name>
    <message>
        <source>12345 suggestion or complaint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::ReceiptSlip</name>
    <message numerus="yes">
        <source>Time limit set by law: %n working day(s)</source>
        <comment>receipt</comment>
        <translation>
            <numerusform>Time limit set by law: %n working day</numerusform>
            <numerusform>Time limit set by law: %n working days</numerusform>
        </translation>
    </message>
    <message>
        <source>Time limit set by law: done on the spot</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent automatically once the network is back; the number stays the same</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress: tap your ID card at this terminal or scan the QR code below</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can also ask on the 12345 hotline</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please keep this receipt</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service: </source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: </source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number: </source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan to check progress</source>
        <comment>receipt</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::RecordQuery</name>
    <message>
        <source>This query is not available at this terminal. Please ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The department&apos;s system cannot be reached just now. Nothing was kept. Please try again in a few minutes, or ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The department&apos;s system did not answer in time. Nothing was kept. Please try again, or ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The department&apos;s system could not answer this request. Please ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The department&apos;s system has a problem just now. Please try again later, or ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document did not pass the terminal&apos;s check and was not printed. Please try again, or ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer could not be shown. Please try again, or ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is on record for you for this item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record can only be seen by the person it belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The department&apos;s records prevail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk::Session</name>
    <message>
        <source>This code is not one the terminal knows. Scan a service code or the code on your receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you. Your rating has been recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for using the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service cannot be applied for at this terminal right now. Please ask staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions cannot be made at this terminal right now. Please call 12345.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place your ID card on the reader to see your requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many codes could not be checked. Please wait %n second(s), then scan your receipt again.</source>
        <translation>
            <numerusform>Too many codes could not be checked. Please wait %n second, then scan your receipt again.</numerusform>
            <numerusform>Too many codes could not be checked. Please wait %n seconds, then scan your receipt again.</numerusform>
        </translation>
    </message>
    <message>
        <source>This receipt&apos;s code cannot be checked here. Scan the QR code of a receipt printed by this terminal, or place your ID card on the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You took your ID card: this visit ends in %n second(s). Put the card back to continue.</source>
        <translation>
            <numerusform>You took your ID card: this visit ends in %n second. Put the card back to continue.</numerusform>
            <numerusform>You took your ID card: this visit ends in %n seconds. Put the card back to continue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kiosk::forms</name>
    <message>
        <source>Enter an 11-digit mobile number, or a landline with its area code (e.g. 0591-87654321).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please read and agree to this before submitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please fill in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too short: at least %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long: at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: at most %2 digits after the decimal point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a real date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be before %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be after %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ID number has 18 characters. Please check %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ID number has 17 digits and a last digit or X. Please check %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The birth date inside %1 is not a real date. Please check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not add up: one of its characters is wrong. Please check it against the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose one of the options for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose from the options for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Choose at least %n option(s) for %1.</source>
        <translation>
            <numerusform>Choose at least %n option for %1.</numerusform>
            <numerusform>Choose at least %n options for %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Choose at most %n option(s) for %1.</source>
        <translation>
            <numerusform>Choose at most %n option for %1.</numerusform>
            <numerusform>Choose at most %n options for %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Please answer yes or no for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bank card number has 16 to 19 digits. Please check %1 against the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is only for people aged %2 or over; by the birth date in the ID number you are %3. Please choose another option, or ask the staff.</source>
        <extracomment>%1 the option chosen (e.g. 到龄正常退休), %2 its minimum age, %3 the resident&apos;s age</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
