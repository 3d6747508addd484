from newsbrief.cli import main

main()
